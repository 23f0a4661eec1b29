namespace Softwerkskammer.Members;

/// <summary>A member with the avatar inlined into the member list (256 bytes, as the seed story's small avatars).</summary>
internal sealed class Member(string nickname)
{
    public string Nickname { get; } = nickname;

    public byte[] Avatar { get; set; } = new byte[256];

    public DateTimeOffset? SavedAt { get; set; }
}
