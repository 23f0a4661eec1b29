internal sealed class StartupHook
{
    public static void Initialize()
    {
    }
}
