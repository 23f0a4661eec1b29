namespace SeedCachedValidator;

/// <summary>
/// The validator registry. Like Node's module cache in the seed story, each validator is created once and the
/// same instance is handed out for the life of the process.
/// </summary>
public static class Validators
{
    public static NameValidator Name { get; } = new();

    public static IReadOnlyList<NameValidator> All() => [Name];
}
