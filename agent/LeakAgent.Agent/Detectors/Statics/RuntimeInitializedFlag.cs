using System.Runtime.CompilerServices;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// Reads CoreCLR's own "class initialized" bit for a type: no public API says whether a static constructor ran,
/// and <see cref="System.Reflection.FieldInfo.GetValue"/> on a static field would run it.
/// </summary>
/// <remarks>
/// On .NET 9, 10 and 11 a <c>MethodTable</c> (what <see cref="RuntimeTypeHandle.Value"/> points at for classes and
/// structs) starts with a 16-byte header (flags, base size, flags2, virtuals and interface counts), then
/// <c>m_pParentMethodTable</c>, <c>m_pModule</c> and <c>m_pAuxiliaryData</c>, one pointer each. The auxiliary data
/// starts with its <c>m_dwFlags</c>, whose bit <c>enum_flag_Initialized = 0x1</c> the runtime sets once the type's
/// class constructor has completed (src/coreclr/vm/methodtable.h). .NET 11 keeps this layout: its
/// <c>libcoreclr.so</c> describes itself to diagnostics tools (the cDAC data descriptor) with <c>MethodTable</c>
/// parent 16, module 24, auxiliary data 32 and <c>MethodTableAuxiliaryData.Flags</c> 0 (as 10.0 does), and its
/// CoreLib still reads class-init state as <c>Flags &amp; 0x1</c>. This is private runtime layout, so it is used
/// only on the runtime versions it was checked against AND after a self-test in this process: the parent slot of a
/// probe type must hold <c>object</c>'s MethodTable, the probe must read "not initialized" before its static
/// constructor runs and "initialized" after. Anything else (.NET 8, whose class-init state lives elsewhere; a
/// newer runtime; Mono; a failed test) disables the flag and callers fall back to the no-static-constructor rule.
/// </remarks>
internal static unsafe class RuntimeInitializedFlag
{
    private const uint InitializedBit = 0x1;

    // A TypeHandle whose bit 1 is set is a TypeDesc (pointer, byref, generic parameter), not a MethodTable.
    private const nint TypeDescBit = 0x2;

    private const int HeaderSize = 16;

    /// <summary>The major versions whose layout was checked against the runtime's source and binaries.</summary>
    private static readonly int[] s_checkedMajorVersions = [9, 10, 11];

    private static readonly int s_parentOffset = HeaderSize;
    private static readonly int s_auxiliaryDataOffset = HeaderSize + (2 * IntPtr.Size);
    private static readonly Lazy<(bool Passed, string Status)> s_selfTest = new(RunSelfTest);

    /// <summary>True when the version gate and the self-test both passed in this process.</summary>
    public static bool Available => s_selfTest.Value.Passed;

    /// <summary>One line saying whether the flag is used and why (for the self-log and the docs' claims).</summary>
    public static string Status => s_selfTest.Value.Status;

    /// <summary>Whether the runtime version is one whose layout was checked (.NET 9, 10 or 11 on CoreCLR).</summary>
    public static bool VersionSupported =>
        s_checkedMajorVersions.Contains(Environment.Version.Major)
        && Type.GetType("Mono.RuntimeStructs") is null
        && RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>
    /// The runtime's flag for <paramref name="type"/>: true once its static constructor completed, false before;
    /// null when the flag cannot be used or the type is not backed by a MethodTable.
    /// </summary>
    public static bool? IsInitialized(Type type)
    {
        return Available ? Read(type) : null;
    }

    private static bool? Read(Type type)
    {
        if (type.IsGenericTypeDefinition || type.IsPointer || type.IsByRef || type.IsGenericParameter)
        {
            return null;
        }

        var methodTable = type.TypeHandle.Value;
        if (methodTable == 0 || (methodTable & TypeDescBit) != 0)
        {
            return null;
        }

        var auxiliary = *(nint*)((byte*)methodTable + s_auxiliaryDataOffset);
        if (auxiliary == 0 || (auxiliary & (IntPtr.Size - 1)) != 0)
        {
            return null;
        }

        return (*(uint*)auxiliary & InitializedBit) != 0;
    }

    private static (bool Passed, string Status) RunSelfTest()
    {
        if (!VersionSupported)
        {
            return (false, $"runtime class-init flag not used on .NET {Environment.Version} (checked layouts: .NET {string.Join(", ", s_checkedMajorVersions)})");
        }

        var probe = typeof(NeverInitializedProbe);
        var parent = *(nint*)((byte*)probe.TypeHandle.Value + s_parentOffset);
        if (parent != typeof(object).TypeHandle.Value)
        {
            return (false, "runtime class-init flag not used: MethodTable layout self-test failed (parent slot)");
        }

        var before = Read(probe);
        RuntimeHelpers.RunClassConstructor(probe.TypeHandle);
        var after = Read(probe);
        var self = Read(typeof(RuntimeInitializedFlag));
        if (before != false || after != true || self != true)
        {
            return (false, $"runtime class-init flag not used: self-test read {Show(before)} before / {Show(after)} after the probe's static constructor");
        }

        return (true, $"runtime class-init flag in use on .NET {Environment.Version} (self-test passed)");
    }

    private static string Show(bool? value) => value switch { true => "initialized", false => "not initialized", null => "nothing" };

    /// <summary>
    /// A type nobody touches before the self-test. Its explicit static constructor makes it precise-init (not
    /// beforefieldinit), so neither the JIT nor ReadyToRun code initializes it early.
    /// </summary>
    private sealed class NeverInitializedProbe
    {
        private static int s_runs;

        static NeverInitializedProbe() => s_runs++;

        public static int Runs => s_runs;
    }
}
