namespace SeedCachedValidator;

/// <summary>Validates upload file names. Cached: one instance per process (see <see cref="Validators"/>).</summary>
public sealed class NameValidator
{
    private static readonly string[] s_allowed = [".pdf", ".png", ".jpg"];

    /// <summary>Was only ever meant to be set by a unit test, "just for test purposes".</summary>
    public List<string>? SupportedExtensions { get; set; }

    public bool IsValid(string fileName) => s_allowed.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase);
}
