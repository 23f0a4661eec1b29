namespace SeedCachedValidator;

/// <summary>The upload response (the count makes the leak visible from outside too).</summary>
public sealed record UploadResult(string FileName, int SupportedExtensionsCount);
