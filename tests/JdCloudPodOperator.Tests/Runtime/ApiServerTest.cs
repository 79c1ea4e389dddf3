using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudPodOperator.Tests.Schema;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>A test on the shared real API server, in a namespace of its own; with the JdCloudPod CRD when asked.</summary>
public abstract class ApiServerTest(string namespacePrefix, bool needsJdCloudPodCrd = false) : IAsyncLifetime
{
    protected IKubernetes Client { get; } = ControlPlane.Shared.AdminClient();

    protected string Ns { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        if (needsJdCloudPodCrd) await Crds.EnsureInstalledAsync();
        Ns = await ControlPlane.Shared.CreateNamespaceAsync(namespacePrefix);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A valid JdCloudPod (the minimal sample) named <paramref name="name"/>, as the server stored it.</summary>
    protected async Task<JdCloudPod> CreatePodAsync(string name)
    {
        var pod = Samples.LoadPod("minimal.yaml");
        pod.Metadata = new V1ObjectMeta { Name = name };
        return await Client.CustomObjects.CreateNamespacedCustomObjectAsync<JdCloudPod>(pod, JdCloudPod.Group, JdCloudPod.Version, Ns, JdCloudPod.Plural);
    }
}
