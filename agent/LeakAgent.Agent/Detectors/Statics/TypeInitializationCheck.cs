namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// The safety rule that keeps the scan from ever running a static constructor the app has not run. Reading a
/// static field runs the declaring type's <c>.cctor</c> if it has not run yet; nothing else it does runs app code.
/// </summary>
/// <remarks>
/// A type with no <c>.cctor</c> at all (<see cref="Type.TypeInitializer"/> is null) is always safe: C# emits a
/// <c>.cctor</c> for every static field initializer, so such a type's statics are only ever set by other code.
/// A type with a <c>.cctor</c> (explicit, or field initializers, <c>beforefieldinit</c> or not) is read only when
/// the runtime's own flag (<see cref="RuntimeInitializedFlag"/>) says it completed; without the flag it is never
/// read. docs/statics-detector.md states the rule.
/// </remarks>
internal sealed class TypeInitializationCheck
{
    private readonly Func<Type, bool?> _runtimeFlag;

    /// <summary>Uses the runtime's flag where its self-test passed.</summary>
    public TypeInitializationCheck()
        : this(RuntimeInitializedFlag.IsInitialized)
    {
    }

    /// <summary>Uses the given flag reader (tests pass one that always answers null: the fallback rule).</summary>
    public TypeInitializationCheck(Func<Type, bool?> runtimeFlag) => _runtimeFlag = runtimeFlag;

    public TypeReadiness Check(Type type)
    {
        if (type.TypeInitializer is null)
        {
            return TypeReadiness.Ready;
        }

        return _runtimeFlag(type) switch
        {
            true => TypeReadiness.Ready,
            false => TypeReadiness.NotYetInitialized,
            null => TypeReadiness.Unknowable,
        };
    }
}
