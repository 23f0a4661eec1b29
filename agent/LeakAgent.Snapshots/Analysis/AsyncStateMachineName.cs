namespace LeakAgent.Snapshots.Analysis;

/// <summary>
/// Recognizes the boxes of pending async methods, <c>AsyncStateMachineBox&lt;TResult,Namespace.Type+&lt;Method&gt;d__N&gt;</c>
/// (maybe with a <c> (Bytes &gt; …)</c> suffix), and names their method <c>Namespace.Type.Method</c>.
/// </summary>
public static class AsyncStateMachineName
{
    private const string BoxPrefix = "AsyncStateMachineBox<";

    /// <summary>Parses a type name.</summary>
    /// <param name="typeName">A gcdump type name.</param>
    /// <param name="method">The async method, e.g. <c>LeakFixture.MemberStore.SaveMemberAsync</c>.</param>
    /// <param name="stateMachine">The state machine type, e.g. <c>LeakFixture.MemberStore+&lt;SaveMemberAsync&gt;d__1</c>.</param>
    /// <returns>True if the name is an async state machine box.</returns>
    public static bool TryParse(string typeName, out string method, out string stateMachine)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        method = stateMachine = "";
        string name = typeName;
        int suffix = name.IndexOf(" (Bytes > ", StringComparison.Ordinal);
        if (suffix > 0)
        {
            name = name[..suffix];
        }
        if (!name.StartsWith(BoxPrefix, StringComparison.Ordinal) || !name.EndsWith('>'))
        {
            return false;
        }
        // The state machine is the last top-level generic argument.
        int depth = 0;
        int lastComma = BoxPrefix.Length - 1;
        for (int i = BoxPrefix.Length; i < name.Length - 1; i++)
        {
            depth += name[i] == '<' ? 1 : name[i] == '>' ? -1 : 0;
            if (depth == 0 && name[i] == ',')
            {
                lastComma = i;
            }
        }
        stateMachine = name[(lastComma + 1)..^1];
        int nested = stateMachine.LastIndexOf("+<", StringComparison.Ordinal);
        int end = stateMachine.LastIndexOf(">d", StringComparison.Ordinal);
        if (nested < 0 || end <= nested + 2)
        {
            method = stateMachine;
            return true;
        }
        method = stateMachine[..nested].Replace('+', '.') + "." + stateMachine[(nested + 2)..end];
        return true;
    }
}
