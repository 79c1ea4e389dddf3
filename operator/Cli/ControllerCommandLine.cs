using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.Telemetry;

namespace JdCloudPodOperator.Cli;

/// <summary>
/// The run command's controller flags. Each has an environment variable (named in its help) and a settings-file key
/// (<see cref="SettingSources"/>) that set its default, so a Deployment can configure the operator without
/// arguments; a flag given on the command line wins.
/// </summary>
public static class ControllerCommandLine
{
    private static readonly Option<string[]> Namespaces = new("--namespace")
    {
        Description = "Namespace whose JdCloudPods are reconciled; repeat or comma-separate for several. Default: every namespace (cluster-wide). Env WATCH_NAMESPACE.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = r => Split(SettingSources.Get<string?>(r, "WATCH_NAMESPACE", s => s, null)),
    };
    private static readonly Option<int> Concurrency = new("--concurrency")
    {
        Description = "JdCloudPods reconciled in parallel (a pass waiting for a shared describePods call frees its worker meanwhile). Env JDPOD_CONCURRENCY.",
        DefaultValueFactory = r => SettingSources.Get(r, "JDPOD_CONCURRENCY", int.Parse, 16),
        Validators = { r => { if (r.GetValueOrDefault<int>() is < 1 or > 1000) r.AddError("--concurrency must be 1-1000"); } },
    };
    private static readonly Option<TimeSpan> SettledPollInterval = new("--settled-poll-interval", "--resync-period")
    {
        Description = "How often the pods of settled JdCloudPods are polled, so pods deleted or failed out of band are noticed: 90s, 5m, 1h or hh:mm:ss. Env JDPOD_SETTLED_POLL_INTERVAL. Its former names --resync-period, Env JDPOD_RESYNC_PERIOD and the settings key ResyncPeriod still work.",
        DefaultValueFactory = r => SettingSources.Get(r, ["JDPOD_SETTLED_POLL_INTERVAL", "JDPOD_RESYNC_PERIOD"], ParseDuration, TimeSpan.FromSeconds(60)),
        CustomParser = r => Parse(r, ParseDuration),
    };
    private static readonly Option<TimeSpan> WatchResyncPeriod = new("--watch-resync-period")
    {
        Description = "How often every watched JdCloudPod is queued for a pass even when nothing changed, a safety net for a missed watch event (each pass reads the resource and, when its poll is due, its pods): 90s, 5m, 1h or hh:mm:ss. Env JDPOD_WATCH_RESYNC_PERIOD.",
        DefaultValueFactory = r => SettingSources.Get(r, "JDPOD_WATCH_RESYNC_PERIOD", ParseDuration, TimeSpan.FromMinutes(10)),
        CustomParser = r => Parse(r, ParseDuration),
    };
    private static readonly Option<Uri?> Endpoint = new("--jdcloud-endpoint")
    {
        Description = "JD Cloud Pod API base URL, overriding the public endpoint https://pod.jdcloud-api.com (e.g. a simulator; http only on loopback). Env JDCLOUD_ENDPOINT.",
        DefaultValueFactory = r => SettingSources.Get<Uri?>(r, "JDCLOUD_ENDPOINT", ParseUrl, null),
        CustomParser = r => Parse<Uri?>(r, ParseUrl),
    };
    private static readonly Option<bool> VpcEndpoint = new("--jdcloud-vpc-endpoint")
    {
        Description = "Call the VPC-internal endpoint https://pod.internal.{regionId}.jdcloud-api.com (when the operator runs inside a JD Cloud VPC). Env JDCLOUD_VPC_ENDPOINT=true.",
        DefaultValueFactory = r => SettingSources.Get(r, "JDCLOUD_VPC_ENDPOINT", bool.Parse, false),
    };
    private static readonly Option<int> RateLimit = new("--jdcloud-rate-limit")
    {
        Description = "JD Cloud calls per second per access key. The default 15 stays under the documented ~1000 calls/minute; raise it only for an account whose limit JD Cloud has raised. Env JDCLOUD_RATE_LIMIT.",
        DefaultValueFactory = r => SettingSources.Get(r, "JDCLOUD_RATE_LIMIT", int.Parse, 15),
        Validators = { r => { if (r.GetValueOrDefault<int>() is < 1 or > 1000) r.AddError("--jdcloud-rate-limit must be 1-1000"); } },
    };
    private static readonly Option<string?> ClusterId = new("--cluster-id")
    {
        Description = "This cluster's part of the owner tag on every cloud pod (jdcloudpod.io/owner={cluster-id}/{namespace}/{name}; docs/ownership.md). Default: the UID of the namespace kube-system. Give a cluster rebuilt from a backup its old ID, so restored JdCloudPods find their pods. Env JDPOD_CLUSTER_ID.",
        DefaultValueFactory = r => SettingSources.Get<string?>(r, "JDPOD_CLUSTER_ID", s => s, null),
        Validators =
        {
            r =>
            {
                if (r.GetValueOrDefault<string?>() is { } id && !Regex.IsMatch(id, Patterns.Dns1123Label))
                    r.AddError($"--cluster-id '{id}' {Patterns.Dns1123LabelMeaning}");
            },
        },
    };
    private static readonly Option<bool> LeaderElect = new("--leader-elect")
    {
        Description = "Elect one active replica through a Lease, so several replicas never reconcile at once (--leader-elect false: reconcile unconditionally). Env JDPOD_LEADER_ELECT.",
        DefaultValueFactory = r => SettingSources.Get(r, "JDPOD_LEADER_ELECT", bool.Parse, true),
    };
    private static readonly Option<string?> LeaseNamespace = new("--leader-election-namespace")
    {
        Description = "Namespace of the leader Lease. Default: POD_NAMESPACE, else the service account's namespace, else default.",
        DefaultValueFactory = r => SettingSources.Get<string?>(r, [], s => s, null),
    };
    private static readonly Option<LogLevel> Level = new("--log-level")
    {
        Description = "Trace, Debug, Information, Warning, Error or Critical. Env JDPOD_LOG_LEVEL.",
        DefaultValueFactory = r => SettingSources.Get(r, "JDPOD_LOG_LEVEL", s => Enum.Parse<LogLevel>(s, ignoreCase: true), LogLevel.Information),
    };

    private static readonly Option<LogFormat> Format = new("--log-format")
    {
        Description = "Auto, Text or Json: one JSON object per line with traceId and spanId (for log collectors), or plain text. Auto (default): Json when standard output is not a terminal (a container), Text on a terminal. Env JDPOD_LOG_FORMAT.",
        DefaultValueFactory = r => SettingSources.Get(r, "JDPOD_LOG_FORMAT", s => Enum.Parse<LogFormat>(s, ignoreCase: true), LogFormat.Auto),
    };

    public static IEnumerable<Option> All => [Namespaces, Concurrency, SettledPollInterval, WatchResyncPeriod, Endpoint, VpcEndpoint, RateLimit, ClusterId, LeaderElect, LeaseNamespace, Level, Format, SettingSources.ConfigFile];

    public static LogLevel LogLevelOf(ParseResult parse) => parse.GetValue(Level);

    public static LogFormat LogFormatOf(ParseResult parse) => parse.GetValue(Format);

    /// <summary>The settings `doctor` shares with `run`: what to check RBAC in, and which cloud endpoint to try.</summary>
    public static IEnumerable<Option> Doctor => [Namespaces, Endpoint, VpcEndpoint, RateLimit, SettingSources.ConfigFile];

    public static List<string> NamespacesOf(ParseResult parse) =>
        parse.GetValue(Namespaces)!.SelectMany(n => Split(n)).Distinct().ToList();

    /// <summary>The JD Cloud endpoint flags, for commands that call the cloud without running the controller (doctor).</summary>
    public static void ConfigureCloud(ParseResult parse, JdCloudClientOptions options)
    {
        options.BaseUrl = parse.GetValue(Endpoint);
        options.Endpoint = parse.GetValue(VpcEndpoint) ? JdCloudEndpointKind.VpcInternal : JdCloudEndpointKind.Public;
        options.RateLimitPerSecond = parse.GetValue(RateLimit);
    }

    public static ControllerHostSettings ToSettings(ParseResult parse)
    {
        var namespaces = NamespacesOf(parse);
        var settledPoll = parse.GetValue(SettledPollInterval);
        var watchResync = parse.GetValue(WatchResyncPeriod);
        var clusterId = parse.GetValue(ClusterId);
        return new ControllerHostSettings
        {
            Controller = o =>
            {
                o.SettledPollInterval = settledPoll;
                o.ClusterId = clusterId;
            },
            Runtime = o =>
            {
                o.WatchResyncPeriod = watchResync;
                o.Watch.Namespaces = namespaces;
                o.Queue.Workers = parse.GetValue(Concurrency);
                o.LeaderElection.Enabled = parse.GetValue(LeaderElect);
                o.LeaderElection.LeaseNamespace = parse.GetValue(LeaseNamespace) ?? o.LeaderElection.LeaseNamespace;
            },
            Cloud = o => ConfigureCloud(parse, o),
        };
    }

    /// <summary>"90s", "5m", "2h", "500ms" or a TimeSpan ("00:01:30").</summary>
    public static TimeSpan ParseDuration(string text)
    {
        text = text.Trim();
        var (number, unit) = text.EndsWith("ms") ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (null, 0);
        var value = number is not null && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? TimeSpan.FromSeconds(v * unit)
            : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        return value > TimeSpan.Zero ? value : throw new FormatException($"'{text}' is not a positive duration");
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : throw new FormatException($"'{text}' is not an absolute URL");

    private static string[] Split(string? list) =>
        list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    internal static T Parse<T>(ArgumentResult result, Func<string, T> parse)
    {
        var text = result.Tokens.Single().Value;
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            // The name as typed: a former name (an alias) is what the user knows.
            var option = (OptionResult)result.Parent!;
            result.AddError($"{option.IdentifierToken?.Value ?? option.Option.Name}: {e.Message}");
            return default!;
        }
    }
}
