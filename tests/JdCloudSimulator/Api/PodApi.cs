using JdCloudSimulator.Faults;
using JdCloudSimulator.Inspection;
using JdCloudSimulator.Pods;
using Microsoft.AspNetCore.Http.Features;

namespace JdCloudSimulator.Api;

/// <summary>
/// Serves one Pod API call: authenticate, apply this operation's faults, carry it out, answer in the envelope
/// (docs/jdcloud-api.md, Errors) and record it. A timeout never answers; a lost response is carried out, then dropped.
/// </summary>
internal sealed partial class PodApi(SimulatorState state, RequestAuthenticator authenticator)
{
    private sealed class CallInfo
    {
        public string? SignatureVersion;
        public FaultKind Fault;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var body = await ReadBodyAsync(context);
        var route = PodApiRoute.Match(context.Request.Method, Uri.UnescapeDataString(rawTarget.Split('?')[0]));
        var requestId = Pods.Ids.RequestId();
        var call = new CallInfo();
        var (status, answer, error) = (0, (object?)null, (string?)null);
        try
        {
            var result = await ServeAsync(context, rawTarget, body, route, call);
            (status, answer) = (200, Responses.Success(requestId, result));
        }
        catch (ApiException e)
        {
            (status, answer, error) = (e.Code, Responses.Error(requestId, e), e.Status);
        }
        catch (OperationCanceledException)
        {
            // A timeout fault, or the client gave up during injected latency: nobody gets an answer.
        }
        catch (Exception e)
        {
            var bug = new ApiException(500, ErrorStatus.Internal, $"simulator failure: {e.GetType().Name}: {e.Message}");
            (status, answer, error) = (500, Responses.Error(requestId, bug), bug.Status);
        }
        Record(context, rawTarget, body, route, requestId, call, status, error);
        if (answer is null || call.Fault == FaultKind.LostResponse) context.Abort();
        else await Responses.WriteAsync(context, status, answer, requestId);
    }

    private async Task<object> ServeAsync(HttpContext context, string rawTarget, byte[] body, PodApiRoute? route, CallInfo call)
    {
        call.SignatureVersion = authenticator.Authenticate(context, rawTarget, body, route?.RegionId).ToString();
        if (route is null) throw ApiException.NotFound($"no such API: {context.Request.Method} {context.Request.Path}");
        if (route.Operation is not { } operation)
            throw new ApiException(405, ErrorStatus.MethodNotAllowed, $"{context.Request.Method} is not allowed on {context.Request.Path}");
        var (fault, settings) = state.Faults.Decide(operation);
        call.Fault = fault;
        if (settings.Latency > TimeSpan.Zero) await Task.Delay(settings.Latency, context.RequestAborted);
        switch (fault)
        {
            case FaultKind.Timeout:
                await Task.Delay(settings.TimeoutAfter, context.RequestAborted);
                throw new OperationCanceledException();
            case FaultKind.RateLimit: throw new ApiException(429, ErrorStatus.RateLimit, "Rate limit exceeded, please retry later");
            case FaultKind.InternalError: throw new ApiException(500, ErrorStatus.Internal, "Internal error");
            case FaultKind.Unavailable: throw new ApiException(503, ErrorStatus.Unavailable, "Service unavailable, please retry later");
        }
        return Dispatch(context, body, route, operation, call);
    }

    private object Dispatch(HttpContext context, byte[] body, PodApiRoute route, string operation, CallInfo call)
    {
        var region = route.RegionId;
        switch (operation)
        {
            case PodApiRoute.CreatePods:
                var request = Responses.ReadJson<CreatePodsBody>(body);
                return new { podIds = state.Run((s, now) => s.CreatePods(region, request, now)) };
            case PodApiRoute.DescribePods:
                var query = DescribeQuery.Parse(Query(context), DescribeQuery.PodFilters);
                return state.Run((s, _) => s.DescribePods(region, query));
            case PodApiRoute.DescribePod:
                return state.Run((s, _) => s.DescribePod(region, route.PodId!));
            case PodApiRoute.DeletePod:
                var deleteElasticIps = string.Equals(context.Request.Query["deletePrimaryNetworkInterfaceAllElasticIp"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
                return state.Run((s, now) => s.DeletePod(region, route.PodId!, deleteElasticIps, now));
            case PodApiRoute.CheckPodName:
                var check = Responses.ReadJson<CheckPodNameBody>(body);
                if (check.MaxCount is < 1 or > 100) throw ApiException.InvalidArgument($"maxCount: Invalid value: {check.MaxCount}: must be between 1 and 100");
                return state.Run((s, _) => s.CheckPodName(region, check.PodName, check.MaxCount ?? 1));
            case PodApiRoute.DescribeInstanceTypes:
                var filters = DescribeQuery.Parse(Query(context), InstanceTypeFilters).Filters;
                return state.Run((s, _) => s.DescribeInstanceTypes(region, filters));
            case PodApiRoute.DescribeQuota:
                var resourceType = context.Request.Query["resourceType"].ToString();
                return state.Run((s, _) => s.DescribeQuota(region, resourceType));
            default:
                return DispatchOnPod(context, body, route, operation);
        }
    }

    private static readonly IReadOnlySet<string> InstanceTypeFilters = new HashSet<string> { "instanceTypes", "az" };

    private static IEnumerable<KeyValuePair<string, string>> Query(HttpContext context) =>
        context.Request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")));

    private void Record(HttpContext context, string rawTarget, byte[] body, PodApiRoute? route, string requestId, CallInfo call, int status, string? error)
    {
        var query = rawTarget.IndexOf('?');
        state.Calls.Add(new CallRecord(
            state.Calls.NextSequence(), state.Now, route?.Operation ?? "unknown", context.Request.Method,
            query < 0 ? rawTarget : rawTarget[..query], query < 0 ? "" : rawTarget[(query + 1)..],
            System.Text.Encoding.UTF8.GetString(body), route?.RegionId, route?.PodId,
            route?.Operation == PodApiRoute.CreatePods ? ClientTokenOf(body) : null, call.SignatureVersion,
            status, error, requestId, call.Fault));
    }

    // Recorded for every createPods call, also those refused before the body was read (faults, 401).
    private static string? ClientTokenOf(byte[] body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty("clientToken", out var token)
                && token.ValueKind == System.Text.Json.JsonValueKind.String ? token.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }
}

/// <summary>The checkPodName body: <c>podName</c> and <c>maxCount</c> (default 1).</summary>
internal sealed class CheckPodNameBody
{
    [System.Text.Json.Serialization.JsonPropertyName("podName")] public string? PodName { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("maxCount")] public int? MaxCount { get; set; }
}
