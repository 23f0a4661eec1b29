using System.Runtime.CompilerServices;
using LeakAgent.Storage.AzureBlob;
using LeakAgent.Storage.S3;

namespace LeakAgent.Storage;

/// <summary>
/// Creates the store for a location. The only place that reaches the vendor SDKs' types, each behind a method of its
/// own that is not inlined: the runtime loads AWSSDK.* or Azure.* only when that method first runs, so a process with
/// no upload configured never loads either.
/// </summary>
internal static class ObjectStores
{
    /// <param name="location">Where.</param>
    /// <param name="environment">The environment the SDKs' credential chains read (the process's own).</param>
    /// <param name="interactive">True for the CLI on someone's laptop: developer logins (Azure CLI and the like) may
    /// answer. False inside an app: only environment, workload and managed identities, never a spawned tool.</param>
    public static IObjectStore Create(StorageLocation location, IReadOnlyDictionary<string, string?> environment, bool interactive) => location.Kind switch
    {
        StorageKind.S3 => CreateS3(environment),
        _ => CreateAzure(location, environment, interactive),
    };

    // The interface, not the concrete type, in these signatures: compiling Create must not need the SDK-facing classes.
#pragma warning disable CA1859
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IObjectStore CreateS3(IReadOnlyDictionary<string, string?> environment) => new S3ObjectStore(S3Settings.FromEnvironment(environment));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IObjectStore CreateAzure(StorageLocation location, IReadOnlyDictionary<string, string?> environment, bool interactive) =>
        AzureBlobObjectStore.Create(location, environment, interactive);
#pragma warning restore CA1859
}
