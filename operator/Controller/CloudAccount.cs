using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Controller;

/// <summary>One account in one region: the unit that describePods calls can be shared across. Value equality;
/// <see cref="JdCloudCredentials.ToString"/> never shows the keys.</summary>
public sealed record CloudAccount(JdCloudCredentials Credentials, string RegionId);
