using JdCloudPodOperator.Cmdb;

namespace JdCloudPodOperator.Tests.Cmdb;

/// <summary>
/// The registrar claims and deletes only CMDB records it registered for the resource's own cloud pods (the owner
/// label): a record of the same name made by anyone else is a conflict, never adopted, never deleted. Against the
/// simulator over real HTTP.
/// </summary>
public sealed class CmdbOwnershipTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static TheoryData<string, Dictionary<string, string>?> Strangers => new()
    {
        { "created outside the operator", null },
        { "registered for another cloud pod", new Dictionary<string, string> { [CmdbOwnership.Label] = "pod-someone-else" } },
        { "a label value that only starts like ours", new Dictionary<string, string> { [CmdbOwnership.Label] = "pod-payroll-db-2" } },
    };

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task A_record_of_the_same_name_that_is_not_ours_is_a_conflict_never_adopted_nor_deleted(string _, Dictionary<string, string>? labels)
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        var stranger = CmdbTestEnvironment.Pod("payroll-db", business: 1) with { Labels = labels };
        var strangerId = (await env.Client.BatchCreateKubePodAsync(new BatchCreateKubePodRequest([new BatchCreateKubePodEntry(3, [stranger])]), CancellationToken.None))[0];
        var ours = new CmdbRegistration("team-b/payroll", 3, [CmdbTestEnvironment.Pod("payroll-db", business: 1)]);

        var registered = await env.Registrar.RegisterAsync(ours).WaitAsync(Bound);
        var deregistered = await env.Registrar.DeregisterAsync(CmdbDeregistration.For(ours)).WaitAsync(Bound);

        var failure = registered.Pods.Should().ContainSingle().Subject;
        failure.PodId.Should().BeNull("the record is not adopted");
        failure.Error!.Conflict.Should().BeTrue();
        failure.Error.Message.Should().Contain($"CMDB id {strangerId}").And.Contain("neither adopted nor deleted");
        registered.Retryable.Should().BeFalse();
        deregistered.Succeeded.Should().BeTrue();
        deregistered.DeletedIds.Should().BeEmpty();
        deregistered.ForeignIds.Should().Equal(strangerId);
        env.State.Pods.Should().ContainSingle().Which["id"]!.GetValue<long>().Should().Be(strangerId);
        env.State.Calls.Should().NotContain(c => c.Api == "batch_delete_kube_pod", "nothing is deleted");
        env.State.Calls.Where(c => c.Api == "batch_create_kube_pod").Should().ContainSingle("only the stranger's own create");
    }

    [Fact]
    public async Task Our_own_record_is_found_again_and_deleted()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        var pod = CmdbTestEnvironment.Pod("payroll-db", business: 1);
        var ownId = (await env.Client.BatchCreateKubePodAsync(new BatchCreateKubePodRequest([new BatchCreateKubePodEntry(3, [pod])]), CancellationToken.None))[0];
        var ours = new CmdbRegistration("team-b/payroll", 3, [pod]);

        var registered = await env.Registrar.RegisterAsync(ours).WaitAsync(Bound);
        var deregistered = await env.Registrar.DeregisterAsync(CmdbDeregistration.For(ours)).WaitAsync(Bound);

        registered.Pods.Should().ContainSingle().Which.PodId.Should().Be(ownId, "a record with this pod's owner label is its own");
        deregistered.DeletedIds.Should().Equal(ownId);
        env.State.Pods.Should().BeEmpty();
    }

    [Fact]
    public async Task Two_resources_registering_one_name_in_one_batch_never_share_a_record()
    {
        await using var env = await CmdbTestEnvironment.StartAsync(settings: new Dictionary<string, string?> { ["Cmdb:FlushDelay"] = "00:00:01" });
        var first = new CmdbRegistration("team-a/web", 2, [CmdbTestEnvironment.Pod("web") with { Labels = Owner("pod-aaaa") }]);
        var second = new CmdbRegistration("team-b/web", 2, [CmdbTestEnvironment.Pod("web") with { Labels = Owner("pod-bbbb") }]);

        var results = await Task.WhenAll(env.Registrar.RegisterAsync(first), env.Registrar.RegisterAsync(second)).WaitAsync(Bound);

        var pods = results.Select(r => r.Pods.Single()).ToList();
        pods.Should().ContainSingle(p => p.Registered);
        pods.Should().ContainSingle(p => !p.Registered && p.Error!.Conflict);
        env.State.Pods.Should().ContainSingle();
        var loser = results.Single(r => !r.AllRegistered);
        (await env.Registrar.DeregisterAsync(CmdbDeregistration.For(loser.Resource == first.Resource ? first : second)).WaitAsync(Bound))
            .DeletedIds.Should().BeEmpty("the other resource's record is not the loser's to delete");
        env.State.Pods.Should().ContainSingle();
    }

    private static Dictionary<string, string> Owner(string cloudPodId) => new() { [CmdbOwnership.Label] = cloudPodId };
}
