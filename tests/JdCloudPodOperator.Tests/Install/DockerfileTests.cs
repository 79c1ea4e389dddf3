using System.Text.RegularExpressions;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>
/// No Docker engine here, so the image cannot be built in tests: this reads the Dockerfile's instructions and checks
/// what the image would be (stages, base images, user, what gets copied, the publish command).
/// </summary>
public class DockerfileTests
{
    private static readonly List<(string Instruction, string Arguments)> Lines =
        File.ReadAllLines(RepoPaths.Of("Dockerfile"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2)).Select(p => (p[0].ToUpperInvariant(), p.Length > 1 ? p[1] : "")).ToList();

    private static List<List<(string Instruction, string Arguments)>> Stages()
    {
        var stages = new List<List<(string, string)>>();
        foreach (var line in Lines)
        {
            if (line.Instruction == "FROM") stages.Add([]);
            stages[^1].Add(line);
        }
        return stages;
    }

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_the_chiseled_runtime_deps_image()
    {
        var stages = Stages();
        stages.Should().HaveCount(2);
        stages[0][0].Arguments.Should().MatchRegex(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0\S* AS build$");
        stages[1][0].Arguments.Should().MatchRegex(@"^mcr\.microsoft\.com/dotnet/runtime-deps:10\.0-\S*chiseled\S*( AS \w+)?$",
            "a native binary needs no .NET runtime: the smallest image with glibc and OpenSSL, no SDK, no shell");
    }

    [Fact]
    public void Publishes_only_the_operator_project_in_release_as_a_native_binary()
    {
        var build = Stages()[0];
        var publish = build.Where(l => l.Instruction == "RUN" && l.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)).Should().ContainSingle().Subject;
        publish.Arguments.Should().Contain("operator/JdCloudPodOperator.csproj").And.Contain("-c Release").And.Contain("-o /app")
            .And.Contain("-r linux-x64").And.Contain("-p:PublishAot=true");
        // --no-restore publishes what restore fetched: the same runtime and AOT setting (the ILCompiler package).
        var restore = build.Where(l => l.Instruction == "RUN" && l.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal)).Should().ContainSingle().Subject;
        restore.Arguments.Should().Contain("-r linux-x64").And.Contain("-p:PublishAot=true");
        build.Should().Contain(l => l.Instruction == "RUN" && l.Arguments.Contains("clang") && l.Arguments.Contains("zlib1g-dev"),
            "native AOT links with the platform toolchain");
        build.Where(l => l.Instruction == "COPY").Select(l => l.Arguments)
            .Should().OnlyContain(a => !a.Contains("tests") && !Regex.IsMatch(a, @"^\.\s"), "only the operator's sources go into the build");
        File.ReadAllLines(RepoPaths.Of(".dockerignore")).Should().Contain("tests/");
    }

    [Fact]
    public void Final_image_runs_as_non_root_without_healthcheck_and_holds_only_the_binary()
    {
        var runtime = Stages()[1];
        Lines.Should().NotContain(l => l.Instruction == "HEALTHCHECK", "Kubernetes probes /healthz and /readyz");
        var user = runtime.Where(l => l.Instruction == "USER").Should().ContainSingle().Subject.Arguments;
        new[] { "root", "0", "0:0" }.Should().NotContain(user);
        user.Should().Be("$APP_UID", "the chiseled image's non-root user");
        runtime.Should().Contain(("WORKDIR", "/app"));
        runtime.Where(l => l.Instruction == "COPY").Should().ContainSingle().Which.Arguments
            .Should().Be("--from=build /app/jdcloud-pod-operator ./", "the symbols (.dbg) and docs stay in the build stage");
        runtime.Should().Contain(("ENTRYPOINT", "[\"/app/jdcloud-pod-operator\"]"));
        var (webhook, host) = (new JdCloudPodOperator.Admission.AdmissionWebhookOptions(), new OperatorHostOptions());
        runtime.Should().Contain(("EXPOSE", $"{webhook.Port} {host.HealthPort}"));
    }
}
