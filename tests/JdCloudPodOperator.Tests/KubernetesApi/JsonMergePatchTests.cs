using System.Text.Json.Nodes;
using JdCloudPodOperator.KubernetesApi;

using JdCloudPodOperator.Tests.Admission;

namespace JdCloudPodOperator.Tests.KubernetesApi;

public class JsonMergePatchTests
{
    [Fact]
    public void Equal_documents_need_no_patch() =>
        JsonMergePatch.Create(Obj("""{"status":{"phase":"Running","podIds":["a"]}}"""), Obj("""{"status":{"phase":"Running","podIds":["a"]}}"""))
            .Should().BeNull();

    [Fact]
    public void Changed_and_new_members_are_set_and_unchanged_ones_left_out() =>
        Patch("""{"status":{"phase":"Creating","createdCount":0,"observedGeneration":1}}""",
                """{"status":{"phase":"Running","createdCount":0,"observedGeneration":1,"podIds":["pod-1"]}}""")
            .Should().Be("""{"status":{"phase":"Running","podIds":["pod-1"]}}""");

    [Fact]
    public void Removed_members_become_null_so_the_server_deletes_them() =>
        Patch("""{"status":{"phase":"Creating","pendingCreate":{"clientToken":"t","count":2}}}""",
                """{"status":{"phase":"Creating"}}""")
            .Should().Be("""{"status":{"pendingCreate":null}}""");

    [Fact]
    public void Arrays_are_replaced_whole() =>
        Patch("""{"status":{"podIds":["a","b"]}}""", """{"status":{"podIds":["a"]}}""")
            .Should().Be("""{"status":{"podIds":["a"]}}""");

    [Fact]
    public void A_status_that_appears_or_disappears_is_set_or_removed()
    {
        Patch("""{}""", """{"status":{"phase":"Pending"}}""").Should().Be("""{"status":{"phase":"Pending"}}""");
        Patch("""{"status":{"phase":"Pending"}}""", """{"status":null}""").Should().Be("""{"status":null}""");
        JsonMergePatch.Create(Obj("""{}"""), Obj("""{"status":null}""")).Should().BeNull("absent and null are the same to a merge patch");
    }

    private static string? Patch(string from, string to) => JsonMergePatch.Create(Obj(from), Obj(to))?.ToJsonString();

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();
}
