using System.Text.RegularExpressions;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>
/// The roles in config/ grant exactly the (resource, verb) pairs the operator's code calls: every Kubernetes API call
/// in operator/ is found by name and mapped to its RBAC verb, and the set must equal the rules. A new call without a
/// rule, or a rule no code needs, fails here (LeastPrivilegeTests shows the rules suffice on a real server).
/// </summary>
public partial class RbacCoverageTests
{
    // `run --register url|service` writes the whole configuration (create/update); it is for runs outside the
    // cluster with the developer's own credentials, and config/ never uses it. Cli/ holds commands a person runs
    // with their own kubeconfig (doctor); `run` itself calls no API there.
    private static readonly string[] NotInstalledPaths = [Path.Combine("Admission", "WebhookConfiguration.cs"), "Cli" + Path.DirectorySeparatorChar];

    [Fact]
    public async Task Roles_grant_exactly_the_calls_the_code_makes()
    {
        var granted = (await Kustomize.BuildAsync("operator-managed-certs")).Rules()
            .Select(r => $"{r.Resource}:{r.Verb}").ToHashSet();

        var called = CalledByCode();

        called.Should().NotBeEmpty();
        granted.Should().BeEquivalentTo(called, "config/rbac + config/operator-managed-certs must match the code's API calls");
    }

    private static HashSet<string> CalledByCode()
    {
        var called = new HashSet<string>();
        var root = RepoPaths.Of("operator");
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
            if (NotInstalledPaths.Any(p => relative == p || (p.EndsWith(Path.DirectorySeparatorChar) && relative.StartsWith(p, StringComparison.Ordinal)))) continue;
            var text = File.ReadAllText(file);
            foreach (Match m in ApiCall().Matches(text)) called.Add($"{Resource(m.Groups["kind"].Value)}:{Verb(m.Groups["verb"].Value)}");
            foreach (Match m in OwnRequest().Matches(text)) called.Add(OwnCall(m));
            // KubernetesClient's LeaseLock reads, creates and replaces the Lease.
            if (text.Contains("new LeaseLock(", StringComparison.Ordinal)) called.UnionWith(["leases:get", "leases:create", "leases:update"]);
        }
        return called;
    }

    private static string Verb(string method) => method switch
    {
        "Read" or "Get" => "get",
        "List" => "list",
        "WatchList" => "watch",
        "Create" => "create",
        "Replace" => "update",
        "Patch" => "patch",
        "Delete" => "delete",
        _ => throw new InvalidOperationException($"unknown API verb {method}"),
    };

    private static string Resource(string kind) => kind switch
    {
        "CustomObject" => "jdcloudpods",
        "CustomObjectStatus" => "jdcloudpods/status",
        "Event" => "events",
        "Secret" => "secrets",
        "Namespace" => "namespaces",
        "Lease" => "leases",
        "ValidatingWebhookConfiguration" => "validatingwebhookconfigurations",
        "MutatingWebhookConfiguration" => "mutatingwebhookconfigurations",
        _ => throw new InvalidOperationException($"unknown API kind {kind}: add it here and to config/rbac"),
    };

    // The operator's own requests through KubernetesApi/ApiTransport: the path helper names the resource (PathOf an
    // object, with "status" its subresource; Collection of the entity; EventsPath), the HTTP method the verb; a GET of
    // a collection is a list through RequestAsync and a watch through SendAsync (the one streamed request).
    private static string OwnCall(Match m)
    {
        var (send, method, path, status) = (m.Groups["send"].Value, m.Groups["method"].Value, m.Groups["path"].Value, m.Groups["args"].Value.Contains("\"status\""));
        var resource = path switch
        {
            "PathOf" => status ? "jdcloudpods/status" : "jdcloudpods",
            "Collection" => "jdcloudpods",
            "EventsPath" => "events",
            _ => throw new InvalidOperationException($"unknown request path {path}: add it here and to config/rbac"),
        };
        var verb = (method, path, send) switch
        {
            ("Get", "Collection", "SendAsync") => "watch",
            ("Get", "Collection", _) => "list",
            ("Get", _, _) => "get",
            ("Post", _, _) => "create",
            ("Put", _, _) => "update",
            ("Patch", _, _) => "patch",
            ("Delete", _, _) => "delete",
            _ => throw new InvalidOperationException($"unknown HTTP method {method}"),
        };
        return $"{resource}:{verb}";
    }

    [GeneratedRegex(@"_api\.(?<send>RequestAsync|SendAsync)\(HttpMethod\.(?<method>\w+),\s*(?:\$"")?\{?(?<path>\w+)\((?<args>[^)]*)\)")]
    private static partial Regex OwnRequest();

    // Calls through any typed API group client (client.CoreV1.ReadNamespacedSecretAsync) and CustomObjects
    // (_api.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync); an unknown kind fails the test.
    [GeneratedRegex(@"(?:\.[A-Z][A-Za-z]*V\d\w*|_api)\.(?<verb>WatchList|Read|Get|List|Create|Replace|Patch|Delete)(?:Namespaced|Cluster)?(?<kind>[A-Z]\w*?)(?:WithHttpMessages)?Async\b")]
    private static partial Regex ApiCall();
}
