using System.Text.Json;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.JdCloud.Models;
using JdCloudPodOperator.JdCloud.Signing;

namespace JdCloudPodOperator.Tests.JdCloud.Client;

/// <summary>What each operation puts on the wire and how it reads the answer.</summary>
public class PodClientOperationTests
{
    [Fact]
    public async Task Describe_pods_sends_the_canonical_query_and_a_verifiable_signature()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Ok("""{"pods":[],"totalCount":0}"""));

        await h.Client.DescribePodsAsync(new DescribePodsQuery
        {
            Filters = [PodFilter.Phases("running", "stopped"), PodFilter.NameContains("web 测试")],
            PageNumber = 1,
            PageSize = 20,
        });

        var request = h.Api.Requests.Single();
        request.Method.Should().Be("GET");
        request.RawPath.Should().Be("/v1/regions/cn-north-1/pods");
        // The same query the .NET SDK put on the wire in vector net-live-02.
        request.RawQuery.Should().Be("filters.1.name=phase&filters.1.values.1=running&filters.1.values.2=stopped&filters.2.name=name&filters.2.values.1=web%20%E6%B5%8B%E8%AF%95&pageNumber=1&pageSize=20");
        JdCloudCanonicalizer.CanonicalQuery(request.RawQuery).Should().Be(request.RawQuery);
        request.Header("content-type").Should().BeNull();
        var check = JdCloudSignatureVerifier.Verify(request.ToVerification(), PodClientRetryTests.Secret);
        check.IsValid.Should().BeTrue(check.Failure);
        check.Authorization!.SignedHeaders.Should().Be("host;x-jdcloud-date;x-jdcloud-nonce");
        check.Authorization.Version.Should().Be(JdCloudSignatureVersion.V2);
    }

    [Theory]
    [InlineData(5, 0, "1", "10")]
    [InlineData(10, 1, "1", "10")]
    [InlineData(100, 2, "2", "100")]
    [InlineData(101, 3, "3", "100")]
    public async Task Page_size_is_kept_inside_10_to_100(int pageSize, int pageNumber, string sentNumber, string sentSize)
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Ok("""{"pods":[],"totalCount":0}"""));

        await h.Client.DescribePodsAsync(new DescribePodsQuery { PageSize = pageSize, PageNumber = pageNumber });

        var request = h.Api.Requests.Single();
        request.QueryValues("pageSize").Should().Equal(sentSize);
        request.QueryValues("pageNumber").Should().Equal(sentNumber);
    }

    [Fact]
    public async Task Tags_and_operators_use_the_indexed_query_form()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Ok("""{"pods":[],"totalCount":0}"""));

        await h.Client.DescribePodsAsync(new DescribePodsQuery
        {
            Filters = [new PodFilter("az", ["cn-north-1a"], "eq")],
            Tags = [new("team", ["a/b", "c+d"])],
        });

        h.Api.Requests.Single().RawQuery.Should().Be(
            "filters.1.name=az&filters.1.operator=eq&filters.1.values.1=cn-north-1a&pageNumber=1&pageSize=20&tags.1.key=team&tags.1.values.1=a%2Fb&tags.1.values.2=c%2Bd");
    }

    [Fact]
    public async Task Describe_pods_by_ids_fetches_250_ids_in_3_calls()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Fallback = PodsMatchingRequestedIds;
        var ids = Enumerable.Range(0, 250).Select(i => $"pod-{i:D10}").ToList();

        var pods = await h.Client.DescribePodsByIdsAsync(ids.Concat(ids.Take(5)));

        pods.Select(p => p.PodId).Should().BeEquivalentTo(ids);
        var requests = h.Api.Requests;
        requests.Should().HaveCount(3);
        requests.Select(r => r.QueryValues("filters.1.name").Single()).Should().AllBe("podId");
        requests.Select(r => r.QueryValues("pageSize").Single()).Should().AllBe("100");
        requests.Select(r => CountValues(r)).Should().Equal(100, 100, 50);
    }

    [Fact]
    public async Task Describe_pods_by_ids_follows_paging_by_total_count()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(
            Reply.Ok(Page(Enumerable.Range(0, 100).Select(i => $"pod-a{i}"), total: 130)),
            Reply.Ok(Page(Enumerable.Range(100, 30).Select(i => $"pod-a{i}"), total: 130)));

        var pods = await h.Client.DescribePodsByIdsAsync(Enumerable.Range(0, 100).Select(i => $"pod-x{i}"));

        pods.Should().HaveCount(130);
        h.Api.Requests.Select(r => r.QueryValues("pageNumber").Single()).Should().Equal("1", "2");
    }

    [Fact]
    public async Task Describe_pods_by_ids_with_no_ids_makes_no_call()
    {
        await using var h = await PodClientHarness.StartAsync();
        (await h.Client.DescribePodsByIdsAsync([])).Should().BeEmpty();
        h.Api.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(101, 2)]
    public async Task Describe_pods_by_tag_sends_up_to_100_values_in_one_tag_filter(int values, int calls)
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Fallback = _ => Reply.Ok("""{"pods":[],"totalCount":0}""");

        await h.Client.DescribePodsByTagAsync("jdcloudpod.io/owner", Enumerable.Range(0, values).Select(i => $"c/ns/w{i}"));

        h.Api.Requests.Should().HaveCount(calls);
        h.Api.Requests.Should().OnlyContain(r => r.QueryValues("tags.1.key").Single() == "jdcloudpod.io/owner" && r.QueryValues("filters.1.name").Count == 0);
        h.Api.Requests.Sum(r => CountValues(r, "tags")).Should().Be(values);
    }

    [Fact]
    public async Task Describe_pods_by_tag_lists_again_when_the_set_moved_between_pages()
    {
        // Page 1 of 150; before page 2 a pod of page 1 went away, so the rest shifted: page 2 starts with a pod page 1
        // already had and the 150th (pod-149) would be skipped by a listing that trusts offsets.
        await using var h = await PodClientHarness.StartAsync();
        static string Pods(IEnumerable<int> ids) => string.Join(",", ids.Select(i => $$"""{"podId":"pod-{{i}}"}"""));
        h.Api.Then(
            Reply.Ok($$"""{"pods":[{{Pods(Enumerable.Range(0, 100))}}],"totalCount":150}"""),
            Reply.Ok($$"""{"pods":[{{Pods(Enumerable.Range(99, 50))}}],"totalCount":149}"""),
            Reply.Ok($$"""{"pods":[{{Pods(Enumerable.Range(1, 100))}}],"totalCount":149}"""),
            Reply.Ok($$"""{"pods":[{{Pods(Enumerable.Range(101, 49))}}],"totalCount":149}"""));

        var pods = await h.Client.DescribePodsByTagAsync("jdcloudpod.io/owner", ["c/ns/w"]);

        // pod-0, gone by the second run, is kept from the first: a pod that may exist is never dropped from a lookup.
        pods.Select(p => p.PodId).Should().OnlyHaveUniqueItems().And.Contain("pod-149").And.HaveCount(150);
        h.Api.Requests.Should().HaveCount(4, "the moved listing ran once more, and that run was steady");
    }

    [Fact]
    public async Task Describe_pods_by_tag_splits_long_values_to_keep_each_query_short()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Fallback = _ => Reply.Ok("""{"pods":[],"totalCount":0}""");
        var owners = Enumerable.Range(0, 60).Select(i => $"3f2a9c1e-7d4b-4e8a-9b1c-0d2e3f4a5b6c/team-{i}/{new string('w', 150)}").ToList();

        await h.Client.DescribePodsByTagAsync("jdcloudpod.io/owner", owners);

        h.Api.Requests.Count.Should().BeGreaterThan(1);
        h.Api.Requests.Should().OnlyContain(r => r.RawQuery!.Length <= 4096, "each request line stays well inside 8 KB");
        h.Api.Requests.Sum(r => CountValues(r, "tags")).Should().Be(owners.Count);
    }

    [Fact]
    public async Task Find_pods_by_name_keeps_the_exact_name_and_numeric_suffixes()
    {
        await using var h = await PodClientHarness.StartAsync();
        var names = new[] { "web-01", "web-01-2", "web-01-13", "web-01-backup", "web-010", "xweb-01", "web-01-", "web-01-2a" };
        h.Api.Then(Reply.Ok(JsonSerializer.Serialize(new
        {
            pods = names.Select((n, i) => new { podId = $"pod-{i}", name = n }),
            totalCount = names.Length,
        })));

        var pods = await h.Client.FindPodsByNameAsync("web-01");

        pods.Select(p => p.Name).Should().Equal("web-01", "web-01-2", "web-01-13");
        var request = h.Api.Requests.Single();
        request.QueryValues("filters.1.name").Should().Equal("name");
        request.QueryValues("filters.1.values.1").Should().Equal("web-01");
    }

    [Fact]
    public async Task Create_pods_posts_camel_case_json_with_region_and_signs_content_type()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Ok("""{"podIds":["pod-abcdef1234","pod-abcdef1235"]}""", "req-c"));

        var result = await h.Client.CreatePodsAsync(PodClientRetryTests.MinimalSpec(), 2, "token-1");

        result.PodIds.Should().Equal("pod-abcdef1234", "pod-abcdef1235");
        var request = h.Api.Requests.Single();
        request.Method.Should().Be("POST");
        request.RawPath.Should().Be("/v1/regions/cn-north-1/pods");
        request.Header("content-type").Should().Be("application/json");
        request.BodyText.Should().Be(
            """{"regionId":"cn-north-1","podSpec":{"name":"web-01","instanceType":"g.n2.medium","az":"cn-north-1a","containers":[{"name":"nginx","image":"nginx:1.25"}],"primaryNetworkInterface":{"networkInterface":{"subnetId":"subnet-aaaa1111"}}},"maxCount":2,"clientToken":"token-1"}""");
        var check = JdCloudSignatureVerifier.Verify(request.ToVerification(), PodClientRetryTests.Secret);
        check.IsValid.Should().BeTrue(check.Failure);
        check.Authorization!.SignedHeaders.Should().Be("content-type;host;x-jdcloud-date;x-jdcloud-nonce");
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(0, false)]
    [InlineData(101, false)]
    public async Task Create_pods_max_count_is_1_to_100(int maxCount, bool accepted)
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Fallback = _ => Reply.Ok("""{"podIds":[]}""");
        var act = () => h.Client.CreatePodsAsync(PodClientRetryTests.MinimalSpec(), maxCount, "t");
        if (accepted) await act.Should().NotThrowAsync();
        else (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("maxCount");
        h.Api.Requests.Should().HaveCount(accepted ? 1 : 0);
    }

    [Theory]
    [InlineData(64, 'a', true)]
    [InlineData(65, 'a', false)]
    [InlineData(0, 'a', false)]
    [InlineData(10, 'é', false)]
    public async Task Create_pods_client_token_is_at_most_64_ascii_characters(int length, char fill, bool accepted)
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Fallback = _ => Reply.Ok("""{"podIds":[]}""");
        var act = () => h.Client.CreatePodsAsync(PodClientRetryTests.MinimalSpec(), 1, new string(fill, length));
        if (accepted) await act.Should().NotThrowAsync();
        else (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("clientToken");
    }

    [Fact]
    public async Task Describe_pod_returns_null_when_the_pod_is_gone()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Error(404, "NOT_FOUND"), Reply.Ok("""{"pod":{"podId":"pod-1","podStatus":{"phase":"running"}}}"""));

        (await h.Client.DescribePodAsync("pod-gone")).Should().BeNull();
        var pod = await h.Client.DescribePodAsync("pod-1");
        pod!.Phase.Should().Be("running");
        h.Api.Requests.Select(r => r.RawPath).Should().Equal("/v1/regions/cn-north-1/pods/pod-gone", "/v1/regions/cn-north-1/pods/pod-1");
    }

    [Fact]
    public async Task Delete_pod_treats_404_as_already_deleted()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Ok("{}"), Reply.Error(404, "NOT_FOUND"));

        (await h.Client.DeletePodAsync("pod-1")).Should().BeTrue();
        (await h.Client.DeletePodAsync("pod-1")).Should().BeFalse();
        h.Api.Requests.Should().HaveCount(2).And.AllSatisfy(r =>
        {
            r.Method.Should().Be("DELETE");
            r.Body.Should().BeEmpty();
            JdCloudSignatureVerifier.Verify(r.ToVerification(), PodClientRetryTests.Secret).IsValid.Should().BeTrue();
        });
    }

    [Fact]
    public async Task A_404_on_describe_pods_is_an_error()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Error(404, "NOT_FOUND", "no such region"));
        (await FluentActions.Awaiting(() => h.Client.DescribePodsAsync(new DescribePodsQuery())).Should().ThrowAsync<JdCloudApiException>())
            .Which.Kind.Should().Be(JdCloudErrorKind.NotFound);
    }

    [Theory]
    [InlineData(0, PodNameCheck.Available)]
    [InlineData(3, PodNameCheck.AlreadyExists)]
    public async Task Check_pod_name_posts_to_the_action_path(int code, PodNameCheck expected)
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Ok($$"""{"code":{{code}},"reason":"r"}"""));

        var result = await h.Client.CheckPodNameAsync("web-01", 2);

        result.Outcome.Should().Be(expected);
        var request = h.Api.Requests.Single();
        request.Method.Should().Be("POST");
        request.RawPath.Should().Be("/v1/regions/cn-north-1/pods%3AcheckPodName");
        request.BodyText.Should().Be("""{"regionId":"cn-north-1","podName":"web-01","maxCount":2}""");
        JdCloudSignatureVerifier.Verify(request.ToVerification(), PodClientRetryTests.Secret).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task Pod_ids_are_escaped_in_the_path()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Error(404, "NOT_FOUND"));
        await h.Client.DescribePodAsync("pod-a/b c");
        h.Api.Requests.Single().RawPath.Should().Be("/v1/regions/cn-north-1/pods/pod-a%2Fb%20c");
    }

    [Fact]
    public async Task Version_3_is_selectable()
    {
        await using var h = await PodClientHarness.StartAsync(o => o.SignatureVersion = JdCloudSignatureVersion.V3);
        h.Api.Then(Reply.Ok("""{"pods":[],"totalCount":0}"""));
        await h.Client.DescribePodsAsync(new DescribePodsQuery());
        var request = h.Api.Requests.Single();
        request.Header("Authorization").Should().StartWith("JDCLOUD3-HMAC-SHA256 Credential=").And.Contain("/jdcloud3_request, ");
        JdCloudSignatureVerifier.Verify(request.ToVerification(), PodClientRetryTests.Secret).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task A_security_token_is_sent_base64_encoded_and_signed()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Ok("{}"));
        var client = h.Factory.Create(new JdCloudCredentials(PodClientHarness.AccessKey, PodClientHarness.SecretKey, "mfa-token"), "cn-north-1");

        await client.DeletePodAsync("pod-1");

        var request = h.Api.Requests.Single();
        request.Header(JdCloudSigner.SecurityTokenHeader).Should().Be(Convert.ToBase64String("mfa-token"u8.ToArray()));
        var check = JdCloudSignatureVerifier.Verify(request.ToVerification(), PodClientRetryTests.Secret);
        check.Authorization!.SignedHeaderNames.Should().Contain(JdCloudSigner.SecurityTokenHeader);
        check.IsValid.Should().BeTrue();
    }

    private static int CountValues(RecordedRequest request, string kind = "filters") =>
        (request.RawQuery ?? "").Split('&').Count(p => p.StartsWith($"{kind}.1.values.", StringComparison.Ordinal));

    private static Reply PodsMatchingRequestedIds(RecordedRequest request)
    {
        var ids = (request.RawQuery ?? "").Split('&')
            .Where(p => p.StartsWith("filters.1.values.", StringComparison.Ordinal))
            .Select(p => Uri.UnescapeDataString(p.Split('=')[1]));
        return Reply.Ok(Page(ids, total: null));
    }

    private static string Page(IEnumerable<string> ids, int? total)
    {
        var list = ids.ToList();
        return JsonSerializer.Serialize(new { pods = list.Select(id => new { podId = id }), totalCount = total ?? list.Count });
    }
}
