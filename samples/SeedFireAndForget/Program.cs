// Seed 1, translated to .NET: for each "request" the member list refreshes avatars and fire-and-forgets
// MemberStore.SaveMemberAsync(member) ("it just performs its stuff in the background"). The write's acknowledgement
// never arrives, so every saved Member and its 256-byte avatar stays alive: the heap floor rises steadily and the
// pending SaveMemberAsync operations pile up. Every 50th request also fire-and-forgets an avatar refresh that
// fails: a faulted task nobody observes. Rendering the page allocates a large buffer that is dropped again, which
// is what makes the runtime run full GCs.
//
// Usage: SeedFireAndForget [--rate <requests per second, default 500>] [--duration <seconds, default 30>]
//                          [--leak-for <seconds> --pause-for <seconds>]
// With --leak-for/--pause-for the bug comes and goes: it leaks for a while, then serves (and renders) without
// leaking, and again — so a leak detector's suspicion turns on, off and on again (the dump tests need that).
using System.Globalization;
using Softwerkskammer.Members;

var rate = 500;
var duration = TimeSpan.FromSeconds(30);
var leakFor = 0d;
var pauseFor = 0d;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--rate":
            rate = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--duration":
            duration = TimeSpan.FromSeconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture));
            break;
        case "--leak-for":
            leakFor = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--pause-for":
            pauseFor = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
    }
}

var connection = new MongoConnection();
var store = new MemberStore(connection);
Console.WriteLine($"member service: {rate} requests/s for {duration.TotalSeconds:0}s; each fire-and-forgets MemberStore.SaveMemberAsync");

var started = DateTime.UtcNow;
var requests = 0L;
var nextReport = started.AddSeconds(1);
while (DateTime.UtcNow - started < duration)
{
    var elapsed = (DateTime.UtcNow - started).TotalSeconds;
    var leaking = pauseFor <= 0 || elapsed % (leakFor + pauseFor) < leakFor;
    var due = (long)(elapsed * rate);
    for (; requests < due; requests++)
    {
        var member = new Member("member" + requests.ToString(CultureInfo.InvariantCulture));
        if (leaking)
        {
            _ = store.SaveMemberAsync(member); // the bug: "a background op"
        }

        if (leaking && requests % 50 == 0)
        {
            _ = AvatarProvider.RefreshGravatarAsync(member); // fails; nobody looks
        }

        if (requests % 5 == 0)
        {
            RenderMemberList(member);
        }
    }

    if (DateTime.UtcNow >= nextReport)
    {
        Console.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds:0}s: {requests} requests, {connection.InFlight} saves still waiting, {GC.CollectionCount(2)} full GCs");
        nextReport = nextReport.AddSeconds(1);
    }

    Thread.Sleep(5);
}

Console.WriteLine($"done: {requests} requests, {connection.InFlight} saves never finished");

// The page with inlined avatars: a large buffer (on the large object heap) built and dropped per request.
static void RenderMemberList(Member member)
{
    var page = new byte[128 * 1024];
    member.Avatar.CopyTo(page, 0);
    GC.KeepAlive(page);
}
