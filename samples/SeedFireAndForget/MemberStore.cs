namespace Softwerkskammer.Members;

/// <summary>Persists members. <see cref="SaveMemberAsync"/> is correct; calling it without awaiting is the bug.</summary>
internal sealed class MemberStore(MongoConnection connection)
{
    public async Task SaveMemberAsync(Member member)
    {
        await connection.WriteAsync(member);

        // The state machine keeps the member alive until this line runs: never, in this story.
        member.SavedAt = DateTimeOffset.UtcNow;
    }
}
