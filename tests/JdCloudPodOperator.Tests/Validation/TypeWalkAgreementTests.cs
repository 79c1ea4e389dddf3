using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using k8s;
using Xunit;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// The webhook's CREATE does the type check on the rules' walk (<see cref="JdCloudPodValidator.CheckTypesAndValidate"/>):
/// its findings and result must be those of <see cref="JsonTypeCheck.Check"/> followed, when it finds no wrong value,
/// by the rules, for clean objects and for each kind of finding, wherever it lies.
/// </summary>
public class TypeWalkAgreementTests
{
    public static TheoryData<string, string, string> Changes() => new()
    {
        { "clean", "", "warned" },
        { "env name past its length, ASCII", "spec.podSpec.containers[0].env[0].name=" + new string('A', 65), "invalid" },
        { "env name at its length, ASCII", "spec.podSpec.containers[0].env[0].name=" + new string('A', 64), "valid" },
        { "env name with a non-ASCII letter", "spec.podSpec.containers[0].env[0].name=NAMÉ", "invalid" },
        { "env name escaped", "spec.podSpec.containers[0].env[0].name=\\u0041B", "valid" },
        { "unknown field in a container", "spec.podSpec.containers[0].tyy=true", "unknown" },
        { "wrong type deep in the spec", "spec.podSpec.containers[0].env[0].value=5", "wrong" },
        { "wrong type in a string list", "spec.podSpec.containers[0].args[0]=5", "wrong" },
        { "null item in an object list", "spec.podSpec.containers[0].env[0]=null", "wrong" },
        { "string item in an object list", "spec.podSpec.containers[0].env[0]=x", "wrong" },
        { "wrong type outside the spec", "metadata.labels.app=5", "wrong" },
        { "spec of the wrong type", "spec=x", "wrong" },
        { "wrong type after a rule violation", "spec.podSpec.containers[0].name=Web_1;spec.podSpec.volumes[0].name=5", "wrong" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Agrees_with_the_type_check_then_the_rules(string what, string change, string found)
    {
        var pod = JsonNode.Parse(KubernetesJson.Serialize(WithEnvAndArgs()))!;
        foreach (var step in change.Split(';', StringSplitOptions.RemoveEmptyEntries)) Apply(pod, step);
        using var document = JsonTree.Parse(pod.ToJsonString().Replace("\\\\u0041", "\\u0041"));

        var (types, result) = JdCloudPodValidator.CheckTypesAndValidate(document.Root, "team-a");

        var expectedTypes = JsonTypeCheck.Check(document.Root, typeof(JdCloudPod));
        var expectedOutcome = JdCloudPodValidator.Validate(document.Root, "team-a");
        // Each case reaches what it is about: a wrong value, an unknown field, a rule broken or passed.
        (expectedTypes.HasWrongValues ? "wrong" : expectedTypes.Found.Count > 0 ? "unknown" : !expectedOutcome.IsValid ? "invalid"
            : expectedOutcome.Warnings.Count > 0 ? "warned" : "valid").Should().Be(found, what);
        types.Found.Select(f => f.Violation.ToString()).Should().Equal(expectedTypes.Found.Select(f => f.Violation.ToString()), what);
        types.Found.Select(f => f.IsUnknownField).Should().Equal(expectedTypes.Found.Select(f => f.IsUnknownField), what);
        if (expectedTypes.HasWrongValues)
        {
            result.Should().BeNull(what);
            return;
        }
        var expected = expectedOutcome;
        result!.Violations.Select(v => v.ToString()).Should().Equal(expected.Violations.Select(v => v.ToString()), what);
        result.Warnings.Should().Equal(expected.Warnings, what);
    }

    private static JdCloudPod WithEnvAndArgs()
    {
        var pod = TestPods.Full();
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
        var container = pod.Spec.PodSpec!.Containers![0];
        container.Env = [new EnvSpec { Name = "A", Value = "1" }, new EnvSpec { Name = "A", Value = "2" }];
        container.Args = ["--port=80"];
        return pod;
    }

    // `a.b[0].c=value`: the value is a JSON literal when it reads as one (5, null, true), a string otherwise.
    private static void Apply(JsonNode pod, string step)
    {
        var (path, text) = (step[..step.IndexOf('=')], step[(step.IndexOf('=') + 1)..]);
        var value = text is "null" ? null : int.TryParse(text, out var number) ? JsonValue.Create(number) : text is "true" ? JsonValue.Create(true) : (JsonNode)JsonValue.Create(text);
        var parts = path.Replace("]", "").Split('.', '[');
        var parent = pod;
        foreach (var part in parts[..^1]) parent = int.TryParse(part, out var i) ? parent[i]! : parent[part]!;
        if (int.TryParse(parts[^1], out var index)) parent.AsArray()[index] = value;
        else parent.AsObject()[parts[^1]] = value;
    }
}
