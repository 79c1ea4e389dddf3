namespace JdCloudPodOperator.Controller.Planning;

/// <summary>The one cloud action a reconcile takes next; each is followed by a status write and a short requeue.</summary>
public abstract record Step;

/// <summary>Nothing to change: the pods match the spec (or a create is not allowed yet). Poll later.</summary>
public sealed record Steady : Step;

/// <summary>Delete these pods: surplus after maxCount went down, or error pods about to be replaced.</summary>
public sealed record DeletePods(IReadOnlyList<string> PodIds, DeleteCause Cause) : Step;

/// <summary>Pods are surplus, but those to go are in a transient phase that deletePod refuses: wait until they settle.</summary>
public sealed record SettlingBeforeScaleDown : Step;

/// <summary>Take these existing pods into <c>status.podIds</c> instead of creating new ones.</summary>
public sealed record AdoptPods(IReadOnlyList<string> PodIds, AdoptionSource Source) : Step;

/// <summary>Pods are missing: adopt pods that carry our owner tag, then create the rest (<see cref="CreatePlanner"/>).</summary>
public sealed record CreateMissing(int Count) : Step;

/// <summary>The adopt annotation names pods that cannot be adopted; nothing is created in their place.</summary>
public sealed record AdoptionFailed(IReadOnlyList<string> NotFound, IReadOnlyList<string> OwnedElsewhere) : Step;

/// <summary>The base name is held by a pod that is not this resource's (<see cref="Holder"/>): nothing is created.</summary>
public sealed record NameTaken(string Name, ObservedPod Holder) : Step;

/// <summary>createPods with this name, count and clientToken; <see cref="Attempt"/> becomes status.createAttempts.</summary>
public sealed record CreatePods(string Name, int Count, string ClientToken, int Attempt) : Step;

/// <summary>The base name and every base-1 ... base-999 are held by pods (failed or being deleted ones too): wait.</summary>
public sealed record NoFreeName(string BaseName) : Step;

public enum DeleteCause { ScaleDown, ReplaceFailed }

/// <summary>Where adopted pods come from: the adopt annotation, or this resource's owner tag on pods its status lost.</summary>
public enum AdoptionSource { Annotation, OwnerTag }

/// <summary>
/// A plan: the pod IDs to keep recording (IDs the cloud no longer knows, or that are being deleted outside our control,
/// are dropped), the ones dropped, and the next step.
/// </summary>
public sealed record Plan(IReadOnlyList<string> PodIds, IReadOnlyList<string> Vanished, Step Next);
