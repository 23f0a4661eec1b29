namespace LeakAgent.Cli.Output;

/// <summary>Module paths as the report shows them.</summary>
internal static class ModuleNames
{
    /// <summary>
    /// The file name of a module path written on any OS: a dump from Windows has <c>C:\app\Shop.dll</c>, which
    /// <see cref="Path.GetFileName(string)"/> on Linux would not split.
    /// </summary>
    public static string FileName(string? modulePath)
    {
        if (string.IsNullOrEmpty(modulePath))
        {
            return string.Empty;
        }

        int slash = modulePath.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? modulePath : modulePath[(slash + 1)..];
    }
}
