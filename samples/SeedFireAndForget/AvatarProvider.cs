namespace Softwerkskammer.Members;

/// <summary>Refreshes avatars from gravatar; sometimes gravatar times out, and nobody is listening.</summary>
internal static class AvatarProvider
{
    public static async Task RefreshGravatarAsync(Member member)
    {
        await Task.Yield();
        throw new TimeoutException($"gravatar did not answer for {member.Nickname}");
    }
}
