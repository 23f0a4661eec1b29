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
            // singleton, so this list gains one ".pdf" per request, forever. The extension is cut from the
            // request's file name, so each request also keeps its own small string alive (as a parsed request
            // value would be in a real service), not just one more slot pointing at an interned literal.
            validator.SupportedExtensions ??= [];
            validator.SupportedExtensions.Add(Path.GetExtension(name));
        }

        RecentUploads.Add(name);
        var valid = validators.All(v => v.IsValid(name));
        return valid ? Results.Ok(new UploadResult(name, Validators.Name.SupportedExtensions!.Count)) : Results.BadRequest();
    }
}
