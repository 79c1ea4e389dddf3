using k8s;
using JdCloudPodOperator.Entities.Schema;

namespace JdCloudPodOperator.Tests.Infrastructure;

/// <summary>
/// Installs the JdCloudPod CRD, generated from the entity types, on the shared control plane and waits until the
/// API server serves it. Call <c>await Crds.EnsureInstalledAsync()</c> from any test that needs JdCloudPods.
/// </summary>
public static class Crds
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _installed;

    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_installed) return;
            await ApplyAsync();
            _installed = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Adds a printer column to the JdCloudPod CRD, as an operator upgrade changes it: the API server rebuilds the
    /// resource's storage, so every watch from an earlier resourceVersion gets 410 Gone. Only for tests that run alone.
    /// </summary>
    public static async Task ChangeAsync()
    {
        var patch = await ControlPlane.Shared.KubectlAsync(null, "patch", "crd", CrdGenerator.Name, "--type", "json", "-p",
            $$$"""[{"op":"add","path":"/spec/versions/0/additionalPrinterColumns/-","value":{"name":"C{{{Guid.NewGuid():N}}}","type":"string","jsonPath":".spec.regionId"}}]""");
        if (patch.ExitCode != 0) throw new InvalidOperationException("changing the CRD failed:\n" + patch.Output);
    }

    /// <summary>Applies the generated CRD again, undoing <see cref="ChangeAsync"/>.</summary>
    public static Task RestoreAsync() => ApplyAsync();

    private static async Task ApplyAsync()
    {
        var controlPlane = ControlPlane.Shared;
        // The 1.20 test server does not know x-kubernetes-validations: kubectl's client-side check refuses the
        // field and server-side apply rejects it as undeclared, so apply without the client-side check; the
        // server drops the CEL rules (the webhook enforces them).
        var apply = await controlPlane.KubectlAsync(CrdGenerator.ToYaml(CrdGenerator.Build()), "apply", "--validate=false", "-f", "-");
        if (apply.ExitCode != 0) throw new InvalidOperationException("installing the CRD failed:\n" + apply.Output);
        // Polled rather than `kubectl wait`: kubectl 1.20 fails at once on a CRD whose status has no conditions yet.
        var client = controlPlane.AdminClient();
        await Eventually.Until(async () =>
            (await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(CrdGenerator.Name)).Status?.Conditions?
                .Any(c => c.Type == "Established" && c.Status == "True") == true, "the CRD is Established", TimeSpan.FromSeconds(60));
    }
}
