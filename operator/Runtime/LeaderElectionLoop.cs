using JdCloudPodOperator.KubernetesApi;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;

namespace JdCloudPodOperator.Runtime;

/// <summary>
/// Campaigns for a coordination.k8s.io/v1 Lease with KubernetesClient's <see cref="LeaderElector"/> and runs a
/// piece of work only while this replica holds it. The work's token is cancelled the moment renewal fails, so a
/// replica that lost the lease stops at once; it then campaigns again. On shutdown the lease is released (holder
/// cleared, only if still ours), so another replica takes over without waiting for the lease to expire.
/// </summary>
public sealed class LeaderElectionLoop
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);
    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly string _namespace;
    private readonly ILogger _logger;
    private volatile bool _leading;

    public LeaderElectionLoop(IKubernetes client, LeaderElectionOptions options, string identity, ILogger<LeaderElectionLoop> logger)
    {
        _client = client;
        _options = options;
        _namespace = options.LeaseNamespace ?? DefaultNamespace();
        _logger = logger;
        Identity = identity;
    }

    public string Identity { get; }

    public bool IsLeader => _leading;

    /// <summary>
    /// Until <paramref name="cancellationToken"/>: whenever this replica becomes leader, runs <paramref name="whileLeading"/>
    /// with a token cancelled when leadership ends, and waits for it to return before campaigning again.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await RunTermAsync(whileLeading, cancellationToken);
            try
            {
                await Task.Delay(_options.RetryPeriod, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunTermAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        using var campaign = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var term = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(_client, _namespace, _options.LeaseName, Identity))
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        });
        Task leading = Task.CompletedTask;
        var led = false;
        elector.OnStartedLeading += () =>
        {
            _leading = led = true;
            _logger.LogInformation("{Identity} became leader of Lease {Namespace}/{Lease}", Identity, _namespace, _options.LeaseName);
            leading = LeadAsync(whileLeading, term.Token, campaign);
        };
        elector.OnStoppedLeading += () =>
        {
            _leading = false;
            term.Cancel();
        };
        elector.OnNewLeader += leader => _logger.LogInformation("Lease {Namespace}/{Lease} is held by {Leader}", _namespace, _options.LeaseName, leader);
        try
        {
            await elector.RunUntilLeadershipLostAsync(campaign.Token);
            // The elector also returns when shutdown (or the work's end) cancels a renewal: not a lost lease.
            if (!campaign.IsCancellationRequested)
                _logger.LogWarning("{Identity} lost Lease {Namespace}/{Lease}; reconciling stopped", Identity, _namespace, _options.LeaseName);
        }
        catch (OperationCanceledException) when (campaign.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogWarning("Leader election on Lease {Namespace}/{Lease} failed ({Error}: {Message}); campaigning again",
                _namespace, _options.LeaseName, e.GetType().Name, e.Message);
        }
        _leading = false;
        await term.CancelAsync();
        await leading;
        if (led) await ReleaseAsync();
    }

    // The work ending on its own while still leader is a bug: give the lease up rather than hold it idle.
    private async Task LeadAsync(Func<CancellationToken, Task> whileLeading, CancellationToken term, CancellationTokenSource campaign)
    {
        try
        {
            await Task.Run(() => whileLeading(term), CancellationToken.None);
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The leader's work failed; giving up Lease {Namespace}/{Lease}", _namespace, _options.LeaseName);
        }
        if (!term.IsCancellationRequested) await campaign.CancelAsync();
    }

    // Clears holderIdentity only if this replica still holds the Lease (the test op), so a successor is never evicted.
    private async Task ReleaseAsync()
    {
        var patch = $$"""
            [{"op":"test","path":"/spec/holderIdentity","value":{{System.Text.Json.Nodes.JsonValue.Create(Identity).ToJsonString()}}},
             {"op":"replace","path":"/spec/holderIdentity","value":""}]
            """;
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            await _client.CoordinationV1.PatchNamespacedLeaseAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch),
                _options.LeaseName, _namespace, cancellationToken: timeout.Token);
            _logger.LogInformation("{Identity} released Lease {Namespace}/{Lease}", Identity, _namespace, _options.LeaseName);
        }
        catch (Exception e) when (ApiErrors.IsUnprocessable(e) || ApiErrors.IsNotFound(e))
        {
            // Not ours (any more): nothing to release.
        }
        catch (Exception e)
        {
            _logger.LogInformation("Could not release Lease {Namespace}/{Lease} ({Message}); it expires on its own", _namespace, _options.LeaseName, e.Message);
        }
    }

    private static string DefaultNamespace() => OperatorNamespace.Current() ?? "default";
}
