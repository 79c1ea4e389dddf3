using System.Net;
using System.Text.Json.Nodes;

namespace JdCloudPodOperator.Tests.Simulator.Lifecycle;

public class LogsAndStatusTests : PodCallTest
{
    private Task<ApiAnswer> LogsAsync(string podId, string container = "nginx", string query = "") =>
        Client.GetAsync($"{Pods}/{podId}/containers/{container}:getContainerLogs{(query.Length == 0 ? "" : "?" + query)}");

    private async Task<string[]> LinesAsync(string podId, string query = "")
    {
        var answer = await LogsAsync(podId, query: query);
        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        return answer.Result["logs"]!["content"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A pod started, stopped, then started again a minute later: three lines for nginx.</summary>
    private async Task<string> PodWithHistoryAsync()
    {
        var podId = await StoppedPodAsync("web");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await OkAsync(podId, "startPod");
        Clock.Advance(Delay);
        return podId;
    }

    [Fact]
    public async Task Logs_hold_a_line_per_start_and_stop_and_are_empty_before_the_first_start()
    {
        var pending = (await CreateAsync(PodBodies.Create("pending"))).Single();
        (await LinesAsync(pending)).Should().BeEmpty();
        var podId = await PodWithHistoryAsync();

        var lines = await LinesAsync(podId);

        lines.Select(l => l[21..]).Should().Equal(
            "container nginx started (image nginx:1.25)", "container nginx stopped", "container nginx started (image nginx:1.25)");
        lines[0][..20].Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
    }

    [Fact]
    public async Task TailLines_sinceSeconds_and_the_time_bounds_select_lines()
    {
        var podId = await PodWithHistoryAsync();
        var restart = Clock.GetUtcNow() - Delay;
        static string Time(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));

        (await LinesAsync(podId, "tailLines=1")).Should().ContainSingle().Which.Should().EndWith("started (image nginx:1.25)");
        (await LinesAsync(podId, "tailLines=0")).Should().BeEmpty();
        (await LinesAsync(podId, "sinceSeconds=10")).Should().ContainSingle("only the restart is within 10 s");
        (await LinesAsync(podId, $"endTime={Time(restart)}")).Should().ContainSingle("endTime is the lower bound, as documented");
        (await LinesAsync(podId, $"startTime={Time(restart - TimeSpan.FromSeconds(1))}")).Should().HaveCount(2, "startTime is the upper bound, as documented");
    }

    [Fact]
    public async Task LimitBytes_takes_1_to_4096_bytes_from_the_start()
    {
        var podId = await PodWithHistoryAsync();

        (await LogsAsync(podId, query: "limitBytes=5")).Result["logs"]!["content"]!.GetValue<string>().Should().HaveLength(5);
        (await LogsAsync(podId, query: "limitBytes=4096")).Status.Should().Be(HttpStatusCode.OK);
        (await LogsAsync(podId, query: "limitBytes=4097")).Message.Should().Be("limitBytes: Invalid value: \"4097\": must be an integer from 1 to 4096");
        (await LogsAsync(podId, query: "limitBytes=0")).ErrorStatus.Should().Be("INVALID_ARGUMENT");
        (await LogsAsync(podId, query: "startTime=yesterday&tailLines=-1")).Message.Should().Contain("tailLines").And.Contain("startTime");
    }

    [Fact]
    public async Task Logs_of_an_unknown_container_or_pod_are_404()
    {
        var podId = await RunningPodAsync("web");

        (await LogsAsync(podId, "db")).Message.Should().Be($"container db not found in pod {podId}");
        (await LogsAsync("pod-unknown0000")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Client.SendAsync(HttpMethod.Post, $"{Pods}/{podId}/containers/nginx:getContainerLogs", "{}")).Status.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task DescribePodsStatus_lists_BriefPodStatus_with_the_describePods_filters()
    {
        var running = await RunningPodAsync("web");
        var stopped = await StoppedPodAsync("db");
        await OkAsync(stopped, "modifyPodAttribute", new JsonObject { ["description"] = "database" }, HttpMethod.Patch);

        var answer = await Client.GetAsync("/v1/regions/cn-north-1/podsStatus?filters.1.name=phase&filters.1.values.1=stopped");

        answer.Result["totalCount"]!.GetValue<int>().Should().Be(1);
        var brief = answer.Result["podsStatus"]![0]!.AsObject();
        brief.Select(p => p.Key).Should().BeEquivalentTo(["podId", "name", "description", "az", "ag", "instanceType", "podStatus", "containers", "createTime"]);
        brief["podId"]!.GetValue<string>().Should().Be(stopped);
        brief["description"]!.GetValue<string>().Should().Be("database");
        brief["podStatus"]!["phase"]!.GetValue<string>().Should().Be("stopped");
        brief["containers"]![0]!["containerStatus"]!["name"]!.GetValue<string>().Should().Be("nginx");
        (await Client.GetAsync($"/v1/regions/cn-north-1/podsStatus?filters.1.name=podId&filters.1.values.1={running}&filters.1.values.2={stopped}"))
            .Result["podsStatus"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task DescribePodsStatus_shows_the_availability_group_as_describePod_does()
    {
        var spec = PodBodies.PodSpec("grouped");
        spec.Remove("az");
        spec["agId"] = "ag-web";
        var grouped = await RunningPodAsync("grouped", spec);
        var plain = await RunningPodAsync("plain");

        var answer = await Client.GetAsync($"/v1/regions/cn-north-1/podsStatus?filters.1.name=podId&filters.1.values.1={grouped}&filters.1.values.2={plain}");

        var ag = answer.Result["podsStatus"]!.AsArray().ToDictionary(p => p!["podId"]!.GetValue<string>(), p => p!["ag"]);
        ag[grouped]!["id"]!.GetValue<string>().Should().Be("ag-web");
        (await DescribeAsync(grouped))["ag"]!["id"]!.GetValue<string>().Should().Be("ag-web");
        ag[plain].Should().BeNull("a pod created without agId has no group");
    }

    [Theory]
    [InlineData("pageSize=10", true)]
    [InlineData("pageSize=500", true)]
    [InlineData("pageSize=9", false)]
    [InlineData("pageSize=501", false)]
    [InlineData("tags.1.key=team&tags.1.values.1=web", false)]
    [InlineData("filters.1.name=color&filters.1.values.1=blue", false)]
    public async Task DescribePodsStatus_pages_are_10_to_500_and_it_takes_no_tags(string query, bool accepted)
    {
        var answer = await Client.GetAsync($"/v1/regions/cn-north-1/podsStatus?{query}");

        answer.Status.Should().Be(accepted ? HttpStatusCode.OK : HttpStatusCode.BadRequest, answer.ToString());
    }
}
