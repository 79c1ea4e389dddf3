using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.Runtime;

namespace JdCloudPodOperator.Controller;

/// <summary>How the operator host configures the JdCloudPod controller (from the run command's flags, or a test).</summary>
public sealed record ControllerHostSettings
{
    public Action<JdCloudPodControllerOptions> Controller { get; init; } = _ => { };
    public Action<OperatorRuntimeOptions> Runtime { get; init; } = _ => { };
    public Action<JdCloudClientOptions> Cloud { get; init; } = _ => { };
}
