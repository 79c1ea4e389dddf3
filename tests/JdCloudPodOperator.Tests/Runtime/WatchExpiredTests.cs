using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>
/// 410 Gone for real. The plan "change objects until the watch cache drops the resourceVersion" does not work on
/// this server: since Kubernetes 1.19 the watch cache grows (up to 100 Ki events) while its oldest event is younger
/// than 75 s — measured here, a watch from before 600 rapid updates was still served. What does expire a
/// resourceVersion at once is a rebuilt watch cache, as after a CRD change (an operator upgrade) or an API server
/// restart (<see cref="ApiServerRestartTests"/>).
/// </summary>
public sealed class WatchExpiredTests() : ApiServerTest("rt-gone")
{
    public override async Task InitializeAsync()
    {
        await Widget.EnsureCrdAsync();
        await base.InitializeAsync();
    }

    [Fact]
    public async Task On_410_Gone_it_relists_and_reports_exactly_what_changed_meanwhile()
    {
        foreach (var name in new[] { "same", "changed", "deleted", "also-same" }) await Widget.CreateAsync(Client, Ns, name);
        await using var run = new WatcherHarness<Widget>(Client, ResourceWatcherTests.Options(Ns));
        await run.StartAsync();
        await run.ConvergedAsync(Ns, () => Widget.VersionsAsync(Client, Ns));
        var lastSeen = run.Cache.List(Ns).Max(w => long.Parse(w.Metadata.ResourceVersion)).ToString();
        await run.StopAsync();
        run.Events.Clear();

        await Widget.SetAsync(Client, Ns, "changed", "2");
        await Widget.DeleteAsync(Client, Ns, "deleted");
        await Widget.CreateAsync(Client, Ns, "new");
        await Widget.ChangeCrdAsync();
        await Eventually.Until(() => IsGoneAsync(lastSeen), "the server no longer serves a watch from the watcher's resourceVersion");

        await run.StartAsync();
        await run.ConvergedAsync(Ns, () => Widget.VersionsAsync(Client, Ns));

        run.Seen.Should().BeEquivalentTo(["Modified changed", "Deleted deleted", "Added new"]);
        run.Watcher.Health.Relists.Should().Be(2, "the initial list and the one after 410");

        await Widget.SetAsync(Client, Ns, "same", "2");
        await run.ConvergedAsync(Ns, () => Widget.VersionsAsync(Client, Ns));
        run.Seen.Should().HaveCount(4).And.EndWith("Modified same", "it watches again after the relist");
    }

    private async Task<bool> IsGoneAsync(string resourceVersion)
    {
        try
        {
            await foreach (var _ in new EntityClient<Widget>(Client).WatchAsync(Ns, resourceVersion, TimeSpan.FromSeconds(1)))
            {
            }
            return false;
        }
        catch (Exception e) when (ApiErrors.IsGone(e))
        {
            return true;
        }
    }
}
