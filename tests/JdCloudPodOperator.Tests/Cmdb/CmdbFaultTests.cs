using CmdbSimulator;
using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Tests.Controller;

namespace JdCloudPodOperator.Tests.Cmdb;

/// <summary>
/// Many registrations at once while CMDB fails: one create and one list in five answer an error (a transient CMDB
/// code, a bare HTTP 503), then every create is committed but its reply arrives after the client gave up. Failed
/// registrations are registered again, as the controller would. Never more than 200 pods per call, every pod stored
/// exactly once, nothing lost, and each result maps to its own CMDB id.
/// </summary>
public sealed class CmdbFaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public Task Registrations_under_errors_and_lost_replies_lose_nothing_and_duplicate_nothing() => FaultSeed.RunAsync(async random =>
    {
        await using var env = await CmdbTestEnvironment.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Cmdb:RequestTimeout"] = "00:00:01", ["Cmdb:MaxRetries"] = "2", ["Cmdb:FlushDelay"] = "00:00:00.050",
        });
        // 1,200 pods in resources of 1-20 pods over three businesses: calls must be split at 200.
        var registrations = Enumerable.Range(0, 110).Select(r => CmdbTestEnvironment.Resource($"res{r}", random.Next(1, 21), r % 3)).ToList();
        var errors = registrations.Take(80).ToList();
        var lostReplies = registrations.Skip(80).ToList();

        env.State.SetFaults("batch_create_kube_pod", new FaultPlan(FailNext: 2, ErrorRate: 0.2, ErrorCode: 1199065, Seed: random.Next()));
        env.State.SetFaults("list_kube_pod", new FaultPlan(FailNext: 2, ErrorRate: 0.2, HttpStatus: 503, Seed: random.Next()));
        var results = await RegisterUntilDoneAsync(env, errors);
        env.State.Calls.Should().Contain(c => c.Code == 1199065).And.Contain(c => c.HttpStatus == 503);

        env.State.SetFaults("batch_create_kube_pod", new FaultPlan(LatencyMs: 1500));
        env.State.SetFaults("list_kube_pod", new FaultPlan());
        results = [.. results, .. await RegisterUntilDoneAsync(env, lostReplies)];
        env.Logs.Lines.Should().Contain(l => l.Contains("CMDB did not reply"), "creates were committed with their replies lost");

        var creates = env.State.Calls.Where(c => c.Api == "batch_create_kube_pod").ToList();
        creates.Should().OnlyContain(c => c.PodCount <= 200, "never more than 200 pods per call");
        creates.Where(c => c.Code == 0 && c.HttpStatus == 200).Sum(c => c.PodCount)
            .Should().Be(registrations.Sum(r => r.Pods.Count), "every pod was created by exactly one successful call");
        var stored = env.State.Pods.ToDictionary(p => (string)p["name"]!, p => (long)p["id"]!);
        stored.Should().HaveCount(registrations.Sum(r => r.Pods.Count), "each pod is stored once, none lost");
        foreach (var result in results)
        foreach (var pod in result.Pods)
            pod.PodId.Should().Be(stored[pod.Name], $"{pod.Name} maps to its own CMDB id");
    });

    /// <summary>Registers all at once, then again those that failed transiently, until every pod is registered.</summary>
    private static async Task<IReadOnlyList<CmdbRegistrationResult>> RegisterUntilDoneAsync(
        CmdbTestEnvironment env, IReadOnlyList<CmdbRegistration> registrations)
    {
        var done = new Dictionary<string, CmdbRegistrationResult>();
        for (var round = 1; done.Count < registrations.Count; round++)
        {
            round.Should().BeLessThanOrEqualTo(20, $"registration converges; still failing: {string.Join("; ", registrations.Where(r => !done.ContainsKey(r.Resource)).Take(3).Select(r => r.Resource))}");
            var pending = registrations.Where(r => !done.ContainsKey(r.Resource)).ToList();
            var results = await Task.WhenAll(pending.Select(r => env.Registrar.RegisterAsync(r))).WaitAsync(Bound);
            foreach (var result in results)
            {
                if (result.AllRegistered) done[result.Resource] = result;
                else result.Retryable.Should().BeTrue($"only transient failures were injected: {result.Describe()}");
            }
        }
        return [.. registrations.Select(r => done[r.Resource])];
    }
}
