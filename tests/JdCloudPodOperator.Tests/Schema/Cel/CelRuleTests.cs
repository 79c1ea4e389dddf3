using System.Text.Json.Nodes;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Schema;
using JdCloudPodOperator.Tests.Validation;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Validation.Manifests;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Schema.Cel;

/// <summary>
/// The CRD's x-kubernetes-validations rules, which the 1.20 test server drops, run in a real CEL engine: each
/// compiles, and on every rule case of the validator and every sample they agree with the C# validator wherever a
/// rule covers the case (a refusal by a rule is a C# violation at or under the rule's node; a resource the validator
/// accepts passes every rule; each rule's proof case is refused by that very rule).
/// </summary>
public class CelRuleTests
{
    private static readonly V1JSONSchemaProps Root = CrdGenerator.Build().Spec.Versions.Single().Schema.OpenAPIV3Schema;

    private static readonly IReadOnlyList<(string Path, V1ValidationRule Rule)> Rules = [.. CelRuleWalker.AllRules(Root)];

    [Fact]
    public async Task Every_rule_of_the_crd_compiles()
    {
        var answer = await CelEngine.EvaluateAsync([.. Rules.Select(r => r.Rule.Rule)], [], []);

        Rules.Should().HaveCountGreaterThan(15);
        answer.Compile.Select((error, i) => (Rules[i].Path, Rules[i].Rule.Rule, error)).Where(c => c.error is not null)
            .Should().BeEmpty("every rule must compile");
    }

    [Fact]
    public async Task Rules_agree_with_the_validator_on_every_rule_case_and_each_is_seen_passing_and_refusing()
    {
        var walker = new CelRuleWalker(Root);
        var cases = new List<(string Name, IReadOnlyList<FieldViolation> Violations, List<CelSite> Sites)>();
        foreach (var (name, ruleCase) in ChecklistCases.All)
        {
            var pod = TestPods.Full();
            ruleCase.Change(pod);
            cases.Add((name, JdCloudPodValidator.Validate(pod).Violations, walker.Add(JsonNode.Parse(KubernetesJson.Serialize(pod))!)));
        }

        var results = await EvaluateAsync(walker, cases.Select(c => c.Sites));

        var problems = cases.SelectMany((c, i) => Disagreements(c.Name, c.Violations, c.Sites, results[i])).ToList();
        foreach (var (message, proof) in ConstraintCoverageTests.CelRuleCases.Where(p => ChecklistCases.All.ContainsKey(p.Value)))
        {
            var index = cases.FindIndex(c => c.Name == proof);
            if (!Refusals(cases[index].Sites, results[index]).Any(r => message.EndsWith(r.Site.Message, StringComparison.Ordinal)))
                problems.Add($"{proof}: the rule \"{message}\" does not refuse it");
        }
        problems.Should().BeEmpty();
        var outcomes = cases.SelectMany((c, i) => c.Sites.Zip(results[i], (site, result) => (site.Rule, result.Passed))).ToList();
        Rules.Where(r => !r.Rule.Rule.Contains("oldSelf")).Select(r => r.Rule.Rule).Distinct()
            .Where(rule => !(outcomes.Contains((rule, true)) && outcomes.Contains((rule, false))))
            .Should().BeEmpty("each rule is evaluated on both sides of its edge");
    }

    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "valid", "invalid" })
            foreach (var file in Schema.Samples.Files(kind)) data.Add(kind, file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Rules_agree_with_the_validator_on_the_samples(string kind, string file)
    {
        var text = File.ReadAllText(Schema.Samples.PathOf(kind, file));
        var reports = ManifestValidator.Validate(text);
        var walker = new CelRuleWalker(Root);
        var documents = YamlJson.ReadAll(text).Select((d, i) => (d.Root, Report: reports[i])).Where(d => d.Report.IsJdCloudPod)
            .Select(d => (d.Report.Violations, Sites: walker.Add(d.Root!))).ToList();

        var results = await EvaluateAsync(walker, documents.Select(d => d.Sites));

        documents.Should().NotBeEmpty();
        documents.SelectMany((d, i) => Disagreements(file, d.Violations, d.Sites, results[i])).Should().BeEmpty();
        // Every cross-field sample breaks a rule that has a CEL twin: the rules alone refuse it too.
        if (kind == "invalid" && !Schema.Samples.BreaksSchema(file))
            documents.Should().OnlyContain(d => Refusals(d.Sites, results[documents.IndexOf(d)]).Any(), "a CEL rule covers the sample's rule");
    }

    [Theory]
    [InlineData("cn-north-1", "cn-north-1", true)]
    [InlineData("cn-east-2", "cn-north-1", false)]
    public async Task The_transition_rule_agrees_with_the_update_rules(string before, string after, bool allowed)
    {
        var (path, rule) = Rules.Single(r => r.Rule.Rule.Contains("oldSelf"));
        var old = TestPods.Full();
        old.Spec.RegionId = before;
        var updated = TestPods.Full();
        updated.Spec.RegionId = after;

        var answer = await CelEngine.EvaluateAsync([rule.Rule], [JsonValue.Create(after)!], [new CelEvaluation(0, 0, [], JsonValue.Create(before))]);

        path.Should().Be("spec.regionId");
        answer.Results.Single().Should().Be(new CelResult(allowed, null));
        JdCloudPodValidator.ValidateUpdate(old, updated).Violations.Any(v => v.Field == path).Should().Be(!allowed);
    }

    /// <summary>Runs every site of every object in one engine call; the results come back grouped per object.</summary>
    private static async Task<List<List<CelResult>>> EvaluateAsync(CelRuleWalker walker, IEnumerable<List<CelSite>> sitesPerObject)
    {
        var groups = sitesPerObject.ToList();
        var answer = await CelEngine.EvaluateAsync(walker.Rules, walker.Objects, [.. groups.SelectMany(g => g.Select(s => s.Evaluation))]);
        answer.Compile.Should().OnlyContain(error => error == null);
        var results = new List<List<CelResult>>();
        var next = 0;
        foreach (var group in groups)
        {
            results.Add([.. answer.Results.Skip(next).Take(group.Count)]);
            next += group.Count;
        }
        return results;
    }

    private static IEnumerable<(CelSite Site, CelResult Result)> Refusals(List<CelSite> sites, List<CelResult> results) =>
        sites.Zip(results).Where(s => !s.Second.Passed);

    /// <summary>Where the rules and the validator disagree about one object.</summary>
    private static IEnumerable<string> Disagreements(string name, IReadOnlyList<FieldViolation> violations, List<CelSite> sites, List<CelResult> results)
    {
        foreach (var (site, result) in Refusals(sites, results))
        {
            var outcome = result.Error is null ? "refuses" : $"fails ({result.Error})";
            if (violations.Count == 0) yield return $"{name}: the validator accepts it, but at {site.Path} the rule \"{site.Message}\" {outcome}";
            else if (!violations.Any(v => IsAtOrUnder(v.Field, site.Path)))
                yield return $"{name}: at {site.Path} the rule \"{site.Message}\" {outcome}, but the validator reports nothing there";
        }
    }

    private static bool IsAtOrUnder(string field, string path) =>
        field.StartsWith(path, StringComparison.Ordinal) && (field.Length == path.Length || field[path.Length] is '.' or '[');
}
