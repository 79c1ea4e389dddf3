using System.Net;
using System.Text.Json.Nodes;
using JdCloudSimulator;

namespace JdCloudPodOperator.Tests.Simulator;

public class SimulatorCreatePodsTests : SimulatorTest
{
    [Fact]
    public async Task Creates_a_pod_with_an_id_in_the_real_form_and_reports_it_as_the_pod_model()
    {
        var podId = (await CreateAsync(PodBodies.Create("web-01"))).Single();

        podId.Should().MatchRegex("^pod-[a-z0-9]{10}$");
        var pod = await DescribeAsync(podId);
        pod["name"]!.GetValue<string>().Should().Be("web-01");
        pod["az"]!.GetValue<string>().Should().Be("cn-north-1a");
        pod["hostname"]!.GetValue<string>().Should().Be(podId, "the hostname defaults to the pod ID");
        pod["vpcId"]!.GetValue<string>().Should().Be("vpc-default");
        pod["privateIpAddress"]!.GetValue<string>().Should().StartWith("10.0.");
        pod["podStatus"]!["phase"]!.GetValue<string>().Should().Be("running");
        pod["containers"]![0]!["containerStatus"]!["state"]!["running"].Should().NotBeNull();
        pod["primaryNetworkInterface"]!["networkInterface"]!["securityGroups"]![0]!["groupId"]!.GetValue<string>().Should().Be("sg-default");
    }

    [Fact]
    public async Task Accepts_bodies_with_and_without_regionId_and_with_nulls_for_unset_fields()
    {
        var withNulls = PodBodies.Create("nulls");
        withNulls["clientToken"] = null;
        withNulls["podSpec"]!["description"] = null;
        var withoutRegion = PodBodies.Create("no-region");
        withoutRegion.Remove("regionId");

        (await CreateAsync(withNulls)).Should().ContainSingle();
        (await CreateAsync(withoutRegion)).Should().ContainSingle();
    }

    [Fact]
    public async Task With_maxCount_above_one_names_the_pods_with_suffixes_skipping_names_in_use()
    {
        await CreateAsync(PodBodies.Create("web-2"));

        var podIds = await CreateAsync(PodBodies.Create("web", maxCount: 3));

        podIds.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        Sim.State.Pods().Where(p => podIds.Contains(p.PodId)).Select(p => p.Name).Should().Equal("web-1", "web-3", "web-4");
    }

    [Fact]
    public async Task Rejects_an_invalid_request_with_INVALID_ARGUMENT_listing_every_violation()
    {
        var spec = PodBodies.PodSpec("bad", az: "cn-north-1z", instanceType: "x.nope.huge", securityGroups: "sg-isolated");

        var answer = await Client.PostAsync(Pods, PodBodies.Create(spec, maxCount: 101));

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.ErrorStatus.Should().Be("INVALID_ARGUMENT");
        answer.Message.Should().Contain("maxCount").And.Contain("podSpec.az").And.Contain("podSpec.instanceType")
            .And.Contain("podSpec.primaryNetworkInterface.networkInterface.securityGroups[0]");
        answer.Body["error"]!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()).Should().HaveCountGreaterThanOrEqualTo(4);
        Sim.State.Pods().Should().BeEmpty();
    }

    [Fact]
    public async Task Applies_the_product_validator_to_the_podSpec()
    {
        var spec = PodBodies.PodSpec("Bad_Name");
        spec["containers"]![0]!["name"] = "Web_1";
        spec["containers"]![0]!["systemDisk"]!["sizeGB"] = 25;
        spec["hostname"] = new string('h', 64);

        var answer = await Client.PostAsync(Pods, PodBodies.Create(spec));

        answer.ErrorStatus.Should().Be("INVALID_ARGUMENT");
        answer.Message.Should().Contain("podSpec.name").And.Contain("podSpec.containers[0].name")
            .And.Contain("podSpec.containers[0].systemDisk.sizeGB").And.Contain("podSpec.hostname");
    }

    [Theory]
    [InlineData(100, HttpStatusCode.OK)]
    [InlineData(110, HttpStatusCode.BadRequest)]
    public async Task The_system_disk_is_at_most_100_GB(int sizeGB, HttpStatusCode expected)
    {
        var spec = PodBodies.PodSpec("disk-size");
        spec["containers"]![0]!["systemDisk"]!["sizeGB"] = sizeGB;

        (await Client.PostAsync(Pods, PodBodies.Create(spec))).Status.Should().Be(expected);
    }

    [Theory]
    [InlineData(1, HttpStatusCode.OK)]
    [InlineData(2, HttpStatusCode.BadRequest)]
    public async Task An_explicit_primary_IP_allows_only_maxCount_1(int maxCount, HttpStatusCode expected)
    {
        var spec = PodBodies.PodSpec("pinned");
        PodBodies.Nic(spec)["primaryIpAddress"] = "10.0.9.9";

        (await Client.PostAsync(Pods, PodBodies.Create(spec, maxCount))).Status.Should().Be(expected);
    }

    [Theory]
    [InlineData("cn-east-2", "cn-east-2a", "g.n3.medium", true)]
    [InlineData("cn-east-2", "cn-north-1a", "g.n3.medium", false)] // a zone of another region
    [InlineData("cn-east-1", "cn-east-1a", "g.n3.medium", false)] // the zone offers no pods
    [InlineData("cn-north-1", "cn-north-1b", "g.s1.micro", true)] // 1st generation: cn-north-1 only
    [InlineData("cn-south-1", "cn-south-1a", "g.s1.micro", false)]
    public async Task Checks_zone_and_instance_type_against_the_region(string region, string az, string type, bool accepted)
    {
        var answer = await Client.PostAsync($"/v1/regions/{region}/pods",
            PodBodies.Create(PodBodies.PodSpec("zoned", az: az, instanceType: type), regionId: region));

        answer.Status.Should().Be(accepted ? HttpStatusCode.OK : HttpStatusCode.BadRequest, answer.ToString());
    }

    [Fact]
    public async Task Rejects_an_instance_type_that_is_sold_out_in_the_zone()
    {
        Sim.State.EditWorld(w => w.SetInStock("g.n2.medium", "cn-north-1a", false));

        var answer = await Client.PostAsync(Pods, PodBodies.Create("sold-out"));

        answer.ErrorStatus.Should().Be("INVALID_ARGUMENT");
        answer.Message.Should().Contain("sold out in zone cn-north-1a");
        (await Client.PostAsync(Pods, PodBodies.Create(PodBodies.PodSpec("other-zone", az: "cn-north-1b")))).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Accepts_any_subnet_and_security_group_by_default_and_keeps_them_in_one_VPC()
    {
        var podId = (await CreateAsync(PodBodies.Create(PodBodies.PodSpec("auto", subnetId: "subnet-abc123", securityGroups: ["sg-one", "sg-two"])))).Single();

        var pod = await DescribeAsync(podId);
        pod["subnetId"]!.GetValue<string>().Should().Be("subnet-abc123");
        pod["vpcId"]!.GetValue<string>().Should().Be("vpc-default");
        var wrongVpc = await Client.PostAsync(Pods, PodBodies.Create(PodBodies.PodSpec("mixed", subnetId: "subnet-isolated", securityGroups: "sg-one")));
        wrongVpc.Message.Should().Contain("must be in the subnet's VPC");
        var notASubnet = await Client.PostAsync(Pods, PodBodies.Create(PodBodies.PodSpec("typo", subnetId: "subnt-1")));
        notASubnet.Message.Should().Contain("no such subnet");
    }

    [Fact]
    public async Task Checks_an_explicit_primary_IP_is_inside_the_subnet_and_free()
    {
        var spec = PodBodies.PodSpec("fixed-ip");
        PodBodies.Nic(spec)["primaryIpAddress"] = "10.0.7.7";
        await CreateAsync(PodBodies.Create(spec));

        var taken = PodBodies.PodSpec("same-ip");
        PodBodies.Nic(taken)["primaryIpAddress"] = "10.0.7.7";
        var outside = PodBodies.PodSpec("outside");
        PodBodies.Nic(outside)["primaryIpAddress"] = "10.1.0.5";

        (await Client.PostAsync(Pods, PodBodies.Create(taken))).Message.Should().Contain("is not free");
        (await Client.PostAsync(Pods, PodBodies.Create(outside))).Message.Should().Contain("is not inside subnet subnet-default");
    }

    [Fact]
    public async Task Checks_existing_disks_exist_are_free_and_in_the_pods_zone()
    {
        JsonObject WithDisk(string name, string volumeId, string az = "cn-north-1a")
        {
            var spec = PodBodies.PodSpec(name, az: az);
            spec["containers"]![0]!["systemDisk"]!["volumeId"] = volumeId;
            return PodBodies.Create(spec);
        }

        await CreateAsync(WithDisk("disk-user", "vol-cn-north-1a"));

        (await Client.PostAsync(Pods, WithDisk("disk-thief", "vol-cn-north-1a"))).Message.Should().Contain("is in use by pod");
        (await Client.PostAsync(Pods, WithDisk("far-disk", "vol-cn-north-1b"))).Message.Should().Contain("must be in the pod's zone");
        (await Client.PostAsync(Pods, WithDisk("near-disk", "vol-cn-north-1b", az: "cn-north-1b"))).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_disk_createPods_made_is_held_by_its_pod_until_the_pod_is_gone()
    {
        var owner = (await CreateAsync(PodBodies.Create("disk-maker"))).Single();
        var volumeId = (await DescribeAsync(owner))["containers"]![0]!["systemDisk"]!["volumeId"]!.GetValue<string>();
        JsonObject Taker()
        {
            var taker = PodBodies.PodSpec("disk-taker");
            taker["containers"]![0]!["systemDisk"]!["volumeId"] = volumeId;
            return PodBodies.Create(taker);
        }

        (await Client.PostAsync(Pods, Taker())).Message.Should().Contain($"is in use by pod {owner}");

        (await Client.DeleteAsync($"{Pods}/{owner}")).Status.Should().Be(HttpStatusCode.OK);
        (await Client.PostAsync(Pods, Taker())).Status.Should().Be(HttpStatusCode.OK, "the disk is free once its pod is gone");
    }

    [Fact]
    public async Task A_pod_name_is_unique_per_region_until_the_pod_is_gone()
    {
        var first = (await CreateAsync(PodBodies.Create("unique"))).Single();

        var again = await Client.PostAsync(Pods, PodBodies.Create("unique"));
        again.ErrorStatus.Should().Be("INVALID_ARGUMENT");
        again.Message.Should().Contain($"already used by pod {first}");
        (await Client.PostAsync("/v1/regions/cn-east-2/pods",
            PodBodies.Create(PodBodies.PodSpec("unique", az: "cn-east-2a"), regionId: "cn-east-2"))).Status.Should().Be(HttpStatusCode.OK, "another region");

        (await Client.DeleteAsync($"{Pods}/{first}")).Status.Should().Be(HttpStatusCode.OK);
        (await CreateAsync(PodBodies.Create("unique"))).Should().ContainSingle();
    }

    [Theory]
    [InlineData(64, HttpStatusCode.OK)]
    [InlineData(65, HttpStatusCode.BadRequest)]
    public async Task A_clientToken_has_at_most_64_characters(int length, HttpStatusCode expected)
    {
        var answer = await Client.PostAsync(Pods, PodBodies.Create("token-length", clientToken: new string('t', length)));

        answer.Status.Should().Be(expected, answer.ToString());
    }

    [Fact]
    public async Task A_repeated_clientToken_returns_the_first_podIds_even_with_another_body()
    {
        var first = await CreateAsync(PodBodies.Create("token-web", maxCount: 2, clientToken: "k8s-uid-1"));

        var repeat = await CreateAsync(PodBodies.Create("something-else", maxCount: 5, clientToken: "k8s-uid-1"));

        repeat.Should().Equal(first);
        Sim.State.Pods().Should().HaveCount(2);
        Sim.State.Calls.Snapshot("createPods").Select(c => c.ClientToken).Should().Equal("k8s-uid-1", "k8s-uid-1");
    }

    [Fact]
    public async Task A_clientToken_whose_first_request_failed_can_be_used_again()
    {
        var invalid = PodBodies.Create(PodBodies.PodSpec("retry", az: "nowhere"), clientToken: "tok");
        (await Client.PostAsync(Pods, invalid)).Status.Should().Be(HttpStatusCode.BadRequest);

        (await CreateAsync(PodBodies.Create("retry", clientToken: "tok"))).Should().ContainSingle();
    }

    [Fact]
    public async Task Rejects_malformed_JSON_with_INVALID_ARGUMENT()
    {
        var answer = await Client.SendAsync(HttpMethod.Post, Pods, "{\"maxCount\": \"many\"");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.ErrorStatus.Should().Be("INVALID_ARGUMENT");
        answer.Message.Should().Contain("not valid JSON");
    }

    [Fact]
    public async Task Concurrent_creates_with_one_token_create_once_and_distinct_names_all_succeed()
    {
        var sameToken = Enumerable.Range(0, 8).Select(_ => CreateAsync(PodBodies.Create("raced", maxCount: 3, clientToken: "same")));
        var distinct = Enumerable.Range(0, 40).Select(i => CreateAsync(PodBodies.Create($"parallel-{i}", maxCount: 5)));

        var raced = await Task.WhenAll(sameToken);
        var created = await Task.WhenAll(distinct);

        raced.Should().AllSatisfy(ids => ids.Should().Equal(raced[0]));
        created.SelectMany(ids => ids).Should().HaveCount(200).And.OnlyHaveUniqueItems();
        Sim.State.Pods().Select(p => p.PrivateIpAddress).Should().OnlyHaveUniqueItems();
    }
}

public class SimulatorQuotaAndCapacityTests : SimulatorTest
{
    protected override SimulatorOptions Options =>
        SimulatorOptions.Instant with { Settings = SimulatorSettings.Instant with { PodQuota = 5 } };

    [Fact]
    public async Task Enforces_the_pod_quota_per_region_with_a_429_that_is_not_RATE_LIMIT()
    {
        await CreateAsync(PodBodies.Create("fill", maxCount: 4));
        (await CreateAsync(PodBodies.Create("last"))).Should().ContainSingle("the quota of 5 is reached exactly");

        var over = await Client.PostAsync(Pods, PodBodies.Create("over"));

        over.Status.Should().Be(HttpStatusCode.TooManyRequests);
        over.ErrorStatus.Should().Be("QUOTA_EXCEEDED");
        over.Message.Should().Contain("quota");
        var quota = (await Client.GetAsync("/v1/regions/cn-north-1/quotas?resourceType=pod")).Result["quota"]!;
        quota["limit"]!.GetValue<int>().Should().Be(5);
        quota["used"]!.GetValue<int>().Should().Be(5);
    }

    [Fact]
    public async Task MaxCount_beyond_the_quota_creates_what_fits_and_returns_those_ids()
    {
        await CreateAsync(PodBodies.Create("used", maxCount: 2));

        var fitted = await CreateAsync(PodBodies.Create("more", maxCount: 5, clientToken: "best-effort"));

        fitted.Should().HaveCount(3, "the quota of 5 leaves room for 3 of the 5 asked for");
        Sim.State.Pods().Where(p => p.Name.StartsWith("more-", StringComparison.Ordinal)).Select(p => p.PodId).Should().BeEquivalentTo(fitted);
        (await CreateAsync(PodBodies.Create("more", maxCount: 5, clientToken: "best-effort"))).Should().Equal(fitted, "the token returns the same ids");
        (await Client.PostAsync(Pods, PodBodies.Create("none-fits", maxCount: 2))).ErrorStatus.Should().Be("QUOTA_EXCEEDED");
    }

    [Fact]
    public async Task Capacity_makes_createPods_create_fewer_pods_and_then_none()
    {
        Sim.State.Configure(s => s with { PodQuota = 100, Capacity = 3 });

        (await CreateAsync(PodBodies.Create("cap", maxCount: 2))).Should().HaveCount(2);
        (await CreateAsync(PodBodies.Create("best-effort", maxCount: 5))).Should().HaveCount(1, "maxCount is best effort");
        var none = await Client.PostAsync(Pods, PodBodies.Create("no-room"));

        none.Status.Should().Be(HttpStatusCode.BadRequest);
        none.ErrorStatus.Should().Be("RESOURCE_EXHAUSTED");
    }
}

public class SimulatorStrictWorldTests : SimulatorTest
{
    protected override SimulatorOptions Options => SimulatorOptions.Instant with { StrictWorld = true };

    [Fact]
    public async Task Strict_world_accepts_only_declared_subnets_and_security_groups()
    {
        var undeclared = await Client.PostAsync(Pods, PodBodies.Create(PodBodies.PodSpec("strict", subnetId: "subnet-new", securityGroups: "sg-new")));
        undeclared.Message.Should().Contain("no such subnet");

        Sim.State.EditWorld(w =>
        {
            w.Regions["cn-north-1"].AddSubnet("subnet-new", "vpc-default", "10.9.0.0/16");
            w.Regions["cn-north-1"].AddSecurityGroup("sg-new", "vpc-default");
        });

        (await CreateAsync(PodBodies.Create(PodBodies.PodSpec("strict", subnetId: "subnet-new", securityGroups: "sg-new")))).Should().ContainSingle();
    }
}
