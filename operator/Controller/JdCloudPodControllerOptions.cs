namespace JdCloudPodOperator.Controller;

/// <summary>Timings of the JdCloudPod controller. Defaults suit production; tests shorten them.</summary>
public sealed class JdCloudPodControllerOptions
{
    /// <summary>
    /// How often a settled resource's pods are polled, so pods deleted or failed out of band are noticed (run
    /// --settled-poll-interval, formerly --resync-period). Not the runtime's <c>WatchResyncPeriod</c>.
    /// </summary>
    public TimeSpan SettledPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Poll interval right after a change; it grows with the time spent converging (a tenth of it) up to
    /// <see cref="MaxPollInterval"/>. 200 ms keeps the wait for Ready close to the pod's own boot time; the polls of
    /// all resources share describePods calls (<see cref="DescribeBatchWindow"/>), so the cloud sees few more calls.
    /// </summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First delay after a retryable failure (rate limit, 5xx, network, missing Secret, partial create); doubles per failure.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Cap of the doubling retry delay (tens of seconds, as the API's retry guidance suggests).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Each retry delay is stretched by a random 0..RetryJitter fraction, so resources failing together spread out.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>
    /// How long credentials read from a Secret are used before the Secret is read again (<see cref="CredentialsCache"/>):
    /// a rotated key is used at most this long after the change, and each Secret in use costs a GET this often, not
    /// one per pass.
    /// </summary>
    public TimeSpan CredentialsCacheFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before retrying after a terminal cloud answer (400, 401, 403, quota) when the spec did not change.</summary>
    public TimeSpan TerminalRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// This cluster's part of the pods' owner tag (run --cluster-id); null: the UID of the namespace kube-system
    /// (<see cref="ClusterIdentity"/>). A DNS-1123 label.
    /// </summary>
    public string? ClusterId { get; set; }

    /// <summary>
    /// describePods calls per account, region and filter start at least this far apart; a lookup made sooner waits for
    /// the next one and shares it (<see cref="DescribeBatcher{TKey}"/>). 300 ms: polling takes at most about 3 calls
    /// a second per account and region, a fifth of the account's quota (docs/jdcloud-api.md), however many resources
    /// poll; a resource polling alone may repeat its own call after half of it (<see cref="MinPollInterval"/> apart).
    /// </summary>
    public TimeSpan DescribeBatchWindow { get; set; } = TimeSpan.FromMilliseconds(300);
}
