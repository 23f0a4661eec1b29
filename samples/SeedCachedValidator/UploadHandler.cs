namespace SeedCachedValidator;

/// <summary>POST /upload: validates the file name. Carries the seed-2 bug faithfully.</summary>
public static class UploadHandler
{
    public static IResult Handle(string? fileName)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? "report.pdf" : fileName;
        var validators = Validators.All();
        foreach (var validator in validators)
        {
            // Copied from a unit-test helper: "yeah i know, this is super bad". The validator is the cached
            // singleton, so this list gains one ".pdf" per request, forever.
            validator.SupportedExtensions ??= [];
            validator.SupportedExtensions.Add(".pdf");
        }

        var valid = validators.All(v => v.IsValid(name));
        return valid ? Results.Ok(new UploadResult(name, Validators.Name.SupportedExtensions!.Count)) : Results.BadRequest();
    }
}
