using System.Text;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Validation.Manifests;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>
/// Unknown fields: the webhook allows the resource and warns, naming each field with its path in the words the
/// `validate` command uses to refuse it.
/// </summary>
public class UnknownFieldWarningTests
{
    private const string Dropped = "unknown field: the API server would drop it silently";

    [Fact]
    public void An_unknown_field_in_the_object_is_a_warning_with_its_path()
    {
        var pod = ValidPod();
        pod.PodSpec()["containers"]![0]!["Tty"] = true;

        var answer = Send(Request("CREATE", pod));

        answer.Allowed.Should().BeTrue();
        answer.Warnings.Should().Equal($"spec.podSpec.containers[0].Tty: {Dropped} (did you mean \"tty\"?)");
    }

    [Theory]
    [InlineData("tty", null)]
    [InlineData("Tty", "spec.podSpec.containers[0].Tty")]
    public void A_field_name_written_with_escapes_is_read_as_its_unescaped_name(string name, string? warned)
    {
        var pod = ValidPod();
        pod.PodSpec()["containers"]![0]![name] = true;
        // JSON allows any character of a name as a \u escape; the API server never writes one, a hand-made request may.
        var body = Request("CREATE", pod).ToJsonString().Replace($"\"{name}\"", $"\"{name[0]}\\u0074y\"", StringComparison.Ordinal);

        var answer = Send(Encoding.UTF8.GetBytes(body));

        answer.Allowed.Should().BeTrue();
        if (warned is null) answer.Warnings.Should().BeEmpty();
        else answer.Warnings.Should().Equal($"{warned}: {Dropped} (did you mean \"tty\"?)");
    }

    [Fact]
    public void The_last_applied_manifest_is_where_kubectl_keeps_what_the_api_server_pruned()
    {
        var answer = Send(Request("CREATE", Applied(ValidPod(), p => p.Spec()["regionTypo"] = "x")));

        answer.Allowed.Should().BeTrue();
        answer.Warnings.Should().Equal($"spec.regionTypo: {Dropped}");
    }

    [Fact]
    public void A_field_unknown_in_both_places_is_named_once()
    {
        var pod = Applied(ValidPod(), p => p.Spec()["regionTypo"] = "x");
        pod.Spec()["regionTypo"] = "x";

        Send(Request("CREATE", pod)).Warnings.Should().Equal($"spec.regionTypo: {Dropped}");
    }

    [Fact]
    public void An_update_warns_when_the_applied_manifest_changed_and_only_then()
    {
        var old = Applied(ValidPod(), p => p.Spec()["regionTypo"] = "x");
        var renamed = Applied(ValidPod(), p => p.Spec()["regionTypo2"] = "x");

        Send(Request("UPDATE", renamed, old)).Warnings.Should().Equal($"spec.regionTypo2: {Dropped}");
        Send(Request("UPDATE", old, old)).Warnings.Should().BeEmpty();
    }

    [Fact]
    public void A_refused_resource_still_names_its_unknown_fields()
    {
        var pod = Applied(ValidPod(), p => p.Spec()["regionTypo"] = "x");
        pod.Spec()["maxCount"] = "two";

        var answer = Send(Request("CREATE", pod));

        answer.Allowed.Should().BeFalse();
        answer.Warnings.Should().Equal($"spec.regionTypo: {Dropped}");
    }

    [Fact]
    public void An_annotation_that_is_not_a_json_object_says_nothing()
    {
        var pod = ValidPod();
        pod["metadata"]!["annotations"] = new JsonObject { [KubectlAnnotations.LastAppliedConfiguration] = "not json {" };

        Send(Request("CREATE", pod)).Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData(UnknownFieldWarnings.MaxWarnings, UnknownFieldWarnings.MaxWarnings, null)]
    [InlineData(UnknownFieldWarnings.MaxWarnings + 1, UnknownFieldWarnings.MaxWarnings + 1, "and 1 more unknown fields")]
    [InlineData(500, UnknownFieldWarnings.MaxWarnings + 1, "and 480 more unknown fields")]
    public void Warnings_are_bounded_in_number(int unknown, int warnings, string? last)
    {
        var pod = Applied(ValidPod(), p =>
        {
            for (var i = 0; i < unknown; i++) p.Spec()[$"typo{i:D3}"] = i;
        });

        var answer = Send(Request("CREATE", pod));

        answer.Warnings.Should().HaveCount(warnings);
        answer.Warnings[0].Should().Be($"spec.typo000: {Dropped}");
        if (last is not null) answer.Warnings[^1].Should().Be(last);
    }

    [Fact]
    public void Warnings_are_bounded_in_length()
    {
        const string nic = "spec.podSpec.primaryNetworkInterface.networkInterface";
        var fits = new string('x', UnknownFieldWarnings.MaxLength - $"{nic}.: {Dropped}".Length);
        var pod = Applied(ValidPod(), p =>
        {
            var networkInterface = p.PodSpec()["primaryNetworkInterface"]!["networkInterface"]!;
            networkInterface[fits] = 1;
            networkInterface[fits + "y"] = 1;
            networkInterface[new string('z', 100_000)] = 1;
        });

        var warnings = Send(Request("CREATE", pod)).Warnings;

        warnings.Should().HaveCount(3);
        warnings[0].Should().Be($"{nic}.{fits}: {Dropped}").And.HaveLength(UnknownFieldWarnings.MaxLength);
        warnings[1].Should().Be($"{nic}.{fits}y: {Dropped}"[..(UnknownFieldWarnings.MaxLength - 3)] + "...");
        warnings[2].Should().HaveLength(UnknownFieldWarnings.MaxLength).And.StartWith($"{nic}.zzz");
    }

    [Fact]
    public void The_webhook_warns_about_exactly_what_validate_refuses()
    {
        var pod = Applied(ValidPod(), p =>
        {
            p.PodSpec()["contaners"] = new JsonArray();
            p["metadata"]!["lables"] = new JsonObject();
        });
        var manifest = pod["metadata"]!["annotations"]![KubectlAnnotations.LastAppliedConfiguration]!.GetValue<string>();

        var warnings = Send(Request("CREATE", pod)).Warnings;
        var refused = ManifestValidator.Validate(manifest).Single().Violations;

        refused.Select(v => v.ToString()).Should().Equal(warnings.Select(w => w.Replace(": unknown", ": Forbidden: unknown", StringComparison.Ordinal)));
        warnings.Should().Equal(
            $"metadata.lables: {Dropped} (did you mean \"labels\"?)",
            $"spec.podSpec.contaners: {Dropped} (did you mean \"containers\"?)");
    }

    /// <summary>
    /// The object as the API server sends it after `kubectl apply` of <paramref name="pod"/> changed by
    /// <paramref name="written"/>: the manifest as written in the annotation, the object without what was pruned.
    /// </summary>
    private static JsonObject Applied(JsonObject pod, Action<JsonObject> written)
    {
        var manifest = (JsonObject)pod.DeepClone();
        written(manifest);
        pod["metadata"]!["annotations"] = new JsonObject { [KubectlAnnotations.LastAppliedConfiguration] = manifest.ToJsonString() };
        return pod;
    }
}
