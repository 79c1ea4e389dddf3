using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Controller;

/// <summary>One account in one region: the unit that describePods calls can be shared across. Value equality;
/// <see cref="JdCloudCredentials.ToString"/> never shows the keys.</summary>
public sealed record CloudAccount(JdCloudCredentials Credentials, string RegionId);

/// <summary>What a shared describePods call filters by.</summary>
public enum DescribeFilter
{
    /// <summary>The <c>podId</c> filter: the pods a status records.</summary>
    PodId,

    /// <summary>The owner tag (<see cref="Entities.OwnerTag"/>): the pods a resource created, recorded or not.</summary>
    OwnerTag,
}

/// <summary>The requests one describePods call may answer: one account and region, one kind of filter.</summary>
public sealed record DescribeKey(CloudAccount Account, DescribeFilter By);
