namespace JdCloudPodOperator.Entities.Constraints;

/// <summary>
/// How a value breaks a constraint: Kubernetes' field error types (k8s.io/apimachinery field.ErrorType), so messages
/// read as kubectl's do. It sits with the constraints because every rule that reports one (the validator, CMDB's
/// spec rules, the simulators) names one of these.
/// </summary>
public enum ViolationKind
{
    Required,
    Invalid,
    NotSupported,
    Duplicate,
    TooLong,
    TooMany,
    Forbidden,
    NotFound,
}
