using System.Net;
using System.Text.Json.Nodes;

namespace JdCloudPodOperator.Tests.Simulator;

public class SimulatorDescribeTests : SimulatorTest
{
    [Fact]
    public async Task Pages_through_describePods_with_the_total_count()
    {
        var created = await CreateAsync(PodBodies.Create("paged", maxCount: 25));

        var pages = new List<string>();
        foreach (var page in new[] { 1, 2, 3, 4 })
        {
            var result = (await Client.GetAsync($"{Pods}?pageNumber={page}&pageSize=10")).Result;
            result["totalCount"]!.GetValue<int>().Should().Be(25);
            pages.AddRange(result["pods"]!.AsArray().Select(p => p!["podId"]!.GetValue<string>()));
        }

        pages.Should().Equal(created, "every pod once, in creation order, and page 4 is empty");
        (await Client.GetAsync(Pods)).Result["pods"]!.AsArray().Should().HaveCount(20, "pageSize defaults to 20");
    }

    [Theory]
    [InlineData("pageSize=9", false)]
    [InlineData("pageSize=10", true)]
    [InlineData("pageSize=100", true)]
    [InlineData("pageSize=101", false)]
    [InlineData("pageNumber=0", false)]
    [InlineData("pageNumber=1", true)]
    [InlineData("pageSize=ten", false)]
    public async Task PageSize_must_be_10_to_100_and_pageNumber_at_least_1(string query, bool accepted)
    {
        var answer = await Client.GetAsync($"{Pods}?{query}");

        answer.Status.Should().Be(accepted ? HttpStatusCode.OK : HttpStatusCode.BadRequest, answer.ToString());
        if (!accepted) answer.ErrorStatus.Should().Be("INVALID_ARGUMENT");
    }

    [Fact]
    public async Task Filters_match_exactly_or_by_substring_and_combine_with_AND()
    {
        var web = await CreateAsync(PodBodies.Create("web", maxCount: 3));
        var db = (await CreateAsync(PodBodies.Create(PodBodies.PodSpec("db", az: "cn-north-1b", subnetId: "subnet-data")))).Single();
        Sim.State.FailPod(web[2]);

        async Task<List<string>> Ids(string query) =>
            (await Client.GetAsync($"{Pods}?{query}")).Result["pods"]!.AsArray().Select(p => p!["podId"]!.GetValue<string>()).ToList();

        (await Ids($"filters.1.name=podId&filters.1.values.1={web[0]}&filters.1.values.2={db}")).Should().Equal(web[0], db);
        (await Ids("filters.1.name=name&filters.1.values.1=we")).Should().Equal(web);
        (await Ids("filters.1.name=phase&filters.1.values.1=error")).Should().Equal(web[2]);
        (await Ids("filters.1.name=phase&filters.1.values.1=running&filters.1.values.2=error")).Should().HaveCount(4);
        (await Ids("filters.1.name=az&filters.1.values.1=cn-north-1b")).Should().Equal(db);
        (await Ids("filters.1.name=subnetId&filters.1.values.1=subnet-data")).Should().Equal(db);
        (await Ids("filters.1.name=vpcId&filters.1.values.1=vpc-default")).Should().HaveCount(4);
        (await Ids("filters.1.name=name&filters.1.values.1=web&filters.2.name=phase&filters.2.values.1=running")).Should().Equal(web[0], web[1]);
        (await Ids("filters.1.name=agId&filters.1.values.1=ag-1")).Should().BeEmpty();
        (await Ids("tags.1.key=team&tags.1.values.1=a")).Should().BeEmpty();
        var ip = Sim.State.Pod(db)!.PrivateIpAddress;
        (await Ids($"filters.1.name=privateIpAddress&filters.1.values.1={ip}")).Should().Equal(db);
    }

    [Theory]
    [InlineData("filters.1.name=color&filters.1.values.1=red", "filters.1.name")]
    [InlineData("filters.1.values.1=red", "filters.1.name")]
    [InlineData("filters.1.name=name", "filters.1.values")]
    [InlineData("filters.1.name=name&filters.1.operator=like&filters.1.values.1=a", "filters.1.operator")]
    public async Task Rejects_malformed_filters_naming_the_parameter(string query, string field)
    {
        var answer = await Client.GetAsync($"{Pods}?{query}");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Contain(field);
    }

    [Fact]
    public async Task DescribePod_of_an_unknown_or_foreign_pod_is_404_NOT_FOUND()
    {
        var podId = (await CreateAsync(PodBodies.Create("home"))).Single();

        (await Client.GetAsync($"{Pods}/pod-0000000000")).ErrorStatus.Should().Be("NOT_FOUND");
        (await Client.GetAsync($"/v1/regions/cn-east-2/pods/{podId}")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_regions_and_paths_are_rejected_in_the_envelope()
    {
        (await Client.GetAsync("/v1/regions/mars-1/pods")).ErrorStatus.Should().Be("INVALID_ARGUMENT");
        (await Client.GetAsync("/v1/regions/cn-north-1/vms")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Client.SendAsync(HttpMethod.Put, Pods, "{}")).ErrorCode.Should().Be(405);
    }

    [Fact]
    public async Task CheckPodName_reports_empty_invalid_taken_and_free_names()
    {
        await CreateAsync(PodBodies.Create("taken"));

        async Task<int> Code(string name, int? maxCount = null)
        {
            var body = new JsonObject { ["podName"] = name };
            if (maxCount is not null) body["maxCount"] = maxCount;
            return (await Client.PostAsync(Pods + ":checkPodName", body)).Result["code"]!.GetValue<int>();
        }

        (await Code("")).Should().Be(1);
        (await Code("Not_Valid")).Should().Be(2);
        (await Code(new string('a', 253))).Should().Be(0);
        (await Code(new string('a', 253), maxCount: 2)).Should().Be(2, "the -2 suffix would pass 253 characters");
        (await Code("taken")).Should().Be(3);
        (await Code("free")).Should().Be(0);
    }

    [Fact]
    public async Task DescribeInstanceTypes_lists_the_catalogue_with_stock_per_zone()
    {
        Sim.State.EditWorld(w => w.SetInStock("g.n2.medium", "cn-north-1b", false));

        var result = (await Client.GetAsync("/v1/regions/cn-north-1/instanceTypes?filters.1.name=instanceTypes&filters.1.values.1=g.n2.medium")).Result;

        result["totalCount"]!.GetValue<int>().Should().Be(1);
        var type = result["instanceTypes"]![0]!;
        type["cpu"]!.GetValue<int>().Should().Be(1);
        type["memoryMB"]!.GetValue<int>().Should().Be(4096);
        type["state"]!.AsArray().Select(s => (s!["az"]!.GetValue<string>(), s["inStock"]!.GetValue<bool>()))
            .Should().Equal(("cn-north-1a", true), ("cn-north-1b", false));
        (await Client.GetAsync("/v1/regions/cn-south-1/instanceTypes")).Result["instanceTypes"]!.AsArray()
            .Select(t => t!["instanceType"]!.GetValue<string>()).Should().Contain("c.n3.22xlarge").And.NotContain("g.s1.micro");
    }

    [Fact]
    public async Task DescribeQuota_requires_a_known_resourceType()
    {
        (await Client.GetAsync("/v1/regions/cn-north-1/quotas?resourceType=pod")).Result["quota"]!["limit"]!.GetValue<int>().Should().Be(10_000);
        (await Client.GetAsync("/v1/regions/cn-north-1/quotas?resourceType=vm")).ErrorStatus.Should().Be("INVALID_ARGUMENT");
    }
}
