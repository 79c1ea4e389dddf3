using System.Text.Json;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using k8s;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// Repeated strings in a list (env names, list-map keys) are found on their bytes while every one is ASCII as
/// written, and on their characters once one is not: a repeat is a repeat however it is written, and only then.
/// </summary>
public class RepeatsTests
{
    private const string Container = "spec.podSpec.containers[0]";

    // The full pod with the first container's env names or mount paths as written here (raw JSON string literals).
    private static ValidationResult Validate(string list, params string[] literals)
    {
        var pod = JsonNode.Parse(KubernetesJson.Serialize(TestPods.Full()))!;
        var container = pod["spec"]!["podSpec"]!["containers"]![0]!.AsObject();
        container[list] = list == "env"
            ? new JsonArray([.. literals.Select(_ => new JsonObject { ["name"] = "__NAME__", ["value"] = "v" })])
            : new JsonArray([.. literals.Select(_ => new JsonObject { ["name"] = "data", ["mountPath"] = "__NAME__" })]);
        var text = pod.ToJsonString();
        foreach (var literal in literals)
        {
            var at = text.IndexOf("\"__NAME__\"", StringComparison.Ordinal);
            text = text[..at] + literal + text[(at + "\"__NAME__\"".Length)..];
        }
        using var document = JsonTree.Parse(text);
        return JdCloudPodValidator.Validate(document.Root, "team-a");
    }

    private static string EnvRepeat(int index, int first, string name) =>
        $"{Container}.env[{index}].name: repeats env[{first}].name \"{name}\"; JD Cloud receives both entries";

    [Fact]
    public void Ascii_names_repeat_on_equal_bytes_only()
    {
        var result = Validate("env", "\"MODE\"", "\"mode\"", "\"MODE_\"", "\"MODE\"", "\"mode\"");

        result.IsValid.Should().BeTrue(result.ToString());
        result.Warnings.Should().Equal(EnvRepeat(3, 0, "MODE"), EnvRepeat(4, 1, "mode"));
    }

    [Fact]
    public void An_escaped_name_repeats_the_same_name_written_plainly()
    {
        var result = Validate("env", "\"AB\"", "\"\\u0041B\"", "\"\\u0041C\"");

        result.IsValid.Should().BeTrue(result.ToString());
        result.Warnings.Should().Equal(EnvRepeat(1, 0, "AB"));
    }

    [Fact]
    public void A_non_ascii_name_late_in_the_list_keeps_the_repeats_found_before_it_and_their_order()
    {
        var result = Validate("env", "\"A\"", "\"B\"", "\"A\"", "\"É\"", "\"\\u00c9\"", "\"B\"", "\"E\"");

        result.Warnings.Should().Equal(EnvRepeat(2, 0, "A"), EnvRepeat(4, 3, "É"), EnvRepeat(5, 1, "B"));
    }

    [Fact]
    public void List_map_keys_repeat_however_they_are_written()
    {
        var repeated = Validate("volumeMounts", "\"/data/é\"", "\"/data/x\"", "\"/data/\\u00e9\"");
        var distinct = Validate("volumeMounts", "\"/data/é\"", "\"/data/x\"", "\"/data/e\"");

        repeated.Violations.Select(v => v.ToString()).Should().Equal(
            $"{Container}.volumeMounts[2].mountPath: Duplicate value: \"/data/é\"");
        distinct.Violations.Should().BeEmpty();
    }
}
