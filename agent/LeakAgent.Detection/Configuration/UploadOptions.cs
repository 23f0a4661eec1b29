using LeakAgent.Storage;

namespace LeakAgent.Detection.Configuration;

/// <summary>Settings of the dump upload (docs/object-storage.md).</summary>
/// <remarks>Reads <c>LEAKAGENT_DUMP_UPLOAD</c>, <c>LEAKAGENT_DUMP_UPLOAD_KEEP_LOCAL</c>, <c>LEAKAGENT_DUMP_UPLOAD_ATTEMPTS</c> and
/// <c>LEAKAGENT_DUMP_UPLOAD_TIMEOUT</c> at start. A destination that does not parse is one line and no upload: the
/// dumps stay local, as without the setting.</remarks>
internal sealed class UploadOptions
{
    public const bool DefaultKeepLocal = true;
    public const int DefaultAttempts = 3;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public UploadOptions(SettingsReader settings)
    {
        var text = settings.GetString(ConfigurationKeys.DumpUpload);
        if (text is not null)
        {
            if (StorageLocationParser.TryParse(text, out var location, out var error))
            {
                Destination = location;
            }
            else
            {
                settings.Warn($"{ConfigurationKeys.DumpUpload}: {error}; dumps stay local only");
            }
        }

        KeepLocal = settings.GetBool(ConfigurationKeys.DumpUploadKeepLocal, DefaultKeepLocal);
        Attempts = settings.GetInt(ConfigurationKeys.DumpUploadAttempts, DefaultAttempts, 1, 10);
        Timeout = settings.GetDuration(ConfigurationKeys.DumpUploadTimeout, DefaultTimeout, TimeSpan.FromSeconds(1));
    }

    /// <summary>Where dumps go; null: no upload.</summary>
    public StorageLocation? Destination { get; init; }

    public bool KeepLocal { get; init; }

    public int Attempts { get; init; }

    public TimeSpan Timeout { get; init; }
}
