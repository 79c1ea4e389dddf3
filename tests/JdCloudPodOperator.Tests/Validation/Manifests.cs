namespace JdCloudPodOperator.Tests.Validation;

/// <summary>Manifest texts for the reader and CLI tests.</summary>
public static class Manifests
{
    /// <summary>A valid JdCloudPod; <paramref name="containerExtra"/> lines are added to its container (indent 8).</summary>
    public static string Pod(string name = "web", string containerExtra = "", string specExtra = "") => $"""
        apiVersion: jdcloudpod.io/v1alpha1
        kind: JdCloudPod
        metadata:
          name: {name}
          namespace: team-a
        spec:
          regionId: cn-north-1
          credentialsSecretRef:
            name: jdcloud-credentials
        {specExtra}
          podSpec:
            name: {name}
            instanceType: g.n2.medium
            az: cn-north-1a
            containers:
              - name: web
                image: nginx:latest
                systemDisk:
                  sizeGB: 20
        {containerExtra}
            primaryNetworkInterface:
              networkInterface:
                subnetId: subnet-abc

        """;

    public const string Secret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: jdcloud-credentials
        stringData:
          accessKey: not-a-real-key

        """;

    public static string Documents(params string[] documents) => string.Join("---\n", documents);
}
