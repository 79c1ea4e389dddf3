using JdCloudPodOperator.JdCloud.Signing;

namespace JdCloudPodOperator.Tests.JdCloud.Signing;

public class JdCloudCanonicalizerTests
{
    [Theory]
    [InlineData("/v1/regions/cn-north-1/pods/pod-x:stopPod", "/v1/regions/cn-north-1/pods/pod-x%3AstopPod")]
    [InlineData("/v1/regions/cn-north-1/pods/pod-x%3AstopPod", "/v1/regions/cn-north-1/pods/pod-x%3AstopPod")]
    [InlineData("/v1//a///b", "/v1/a/b")]
    [InlineData("/a b*~", "/a%20b%2A~")]
    [InlineData("/a+b", "/a%2Bb")]
    [InlineData("/a%2fb", "/a/b")]
    [InlineData("/%zz%4", "/%25zz%254")]
    [InlineData("", "/")]
    [InlineData("v1/x", "/v1/x")]
    [InlineData("/中文", "/%E4%B8%AD%E6%96%87")]
    public void Canonical_uri_decodes_collapses_and_reencodes(string raw, string expected) =>
        JdCloudCanonicalizer.CanonicalUri(raw).Should().Be(expected);

    [Theory]
    [InlineData("", "")]
    [InlineData("?b=2&a=1", "a=1&b=2")]
    [InlineData("a=x+y", "a=x%20y")]
    [InlineData("a=x%2By", "a=x%2By")]
    [InlineData("a=x/y", "a=x%2Fy")]
    [InlineData("a=&&b", "a=")]
    [InlineData("=v&a=1", "a=1")]
    [InlineData("t=z&t=a", "t=a&t=z")]
    [InlineData("k=a=b", "k=a%3Db")]
    [InlineData("a=%7e", "a=~")]
    public void Canonical_query_splits_decodes_reencodes_and_sorts(string raw, string expected) =>
        JdCloudCanonicalizer.CanonicalQuery(raw).Should().Be(expected);

    [Fact]
    public void Formatted_query_is_already_canonical()
    {
        var query = JdCloudCanonicalizer.FormatQuery([new("filters.2.name", "name"), new("filters.1.values.1", "web 测试"), new("a/b", "+")]);
        query.Should().Be("a%2Fb=%2B&filters.1.values.1=web%20%E6%B5%8B%E8%AF%95&filters.2.name=name");
        JdCloudCanonicalizer.CanonicalQuery(query).Should().Be(query);
    }

    [Theory]
    [InlineData("https://pod.jdcloud-api.com/v1", "pod.jdcloud-api.com")]
    [InlineData("https://pod.jdcloud-api.com:443/v1", "pod.jdcloud-api.com")]
    [InlineData("http://127.0.0.1:18782/v1", "127.0.0.1:18782")]
    [InlineData("http://LOCALHOST:80/", "localhost")]
    [InlineData("https://Pod.Example:8443/", "pod.example:8443")]
    public void Host_carries_only_a_non_default_port(string url, string expected) =>
        JdCloudCanonicalizer.HostValue(new Uri(url)).Should().Be(expected);

    [Fact]
    public void Headers_are_lowercased_trimmed_joined_and_sorted()
    {
        var (block, names) = JdCloudCanonicalizer.CanonicalHeaders(
            [new("X-B", " two "), new("Host", "h"), new("x-b", "three"), new("A", "a  b")]);
        block.Should().Be("a:a  b\nhost:h\nx-b:two,three\n");
        names.Should().Be("a;host;x-b");
    }
}
