using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Entities;

[Description("A container probe: exactly one of exec, httpGet and tcpSocket.")]
[ExactlyOneOf("handler", "exec", "httpGet", "tcpSocket")]
public sealed class ProbeSpec
{
    [Range(0, 300)]
    [Description("Seconds after the container starts before the first probe: 0-300. Default 10.")]
    [JsonPropertyName("initialDelaySeconds")] public int? InitialDelaySeconds { get; set; }

    [Range(1, 300)]
    [Description("Seconds between probes: 1-300. Default 10.")]
    [JsonPropertyName("periodSeconds")] public int? PeriodSeconds { get; set; }

    [Range(1, 300)]
    [Description("Probe timeout in seconds: 1-300. Default 1.")]
    [JsonPropertyName("timeoutSeconds")] public int? TimeoutSeconds { get; set; }

    [Range(1, 10)]
    [Description("Consecutive failures after a success that make the probe fail: 1-10. Default 3.")]
    [JsonPropertyName("failureThreshold")] public int? FailureThreshold { get; set; }

    [Range(1, 10)]
    [Description("Consecutive successes after a failure that make the probe succeed: 1-10. Default 1.")]
    [JsonPropertyName("successThreshold")] public int? SuccessThreshold { get; set; }

    [Description("Run a command in the container; exit code 0 is success.")]
    [JsonPropertyName("exec")] public ExecSpec? Exec { get; set; }

    [Description("HTTP GET against the container; a status from 200 to 399 is success.")]
    [JsonPropertyName("httpGet")] public HgSpec? HttpGet { get; set; }

    [Description("TCP connection to a port of the container; an open port is success.")]
    [JsonPropertyName("tcpSocket")] public TcpSocketSpec? TcpSocket { get; set; }
}

[Description("A TCP socket probe.")]
public sealed class TcpSocketSpec
{
    [Required, Range(1, 65535)]
    [Description("Port: 1-65535.")]
    [JsonPropertyName("port")] public int? Port { get; set; }
}

[Description("An HTTP GET probe.")]
public sealed class HgSpec
{
    [OneOf("http", "https", "HTTP", "HTTPS")]
    [Description("Scheme: http, https, HTTP or HTTPS. Default http.")]
    [JsonPropertyName("scheme")] public string? Scheme { get; set; }

    [Length(0, 253)]
    [Description("Host to connect to: a hostname or an IPv4 address, at most 253 characters. Default: the pod IP.")]
    [JsonPropertyName("host")] public string? Host { get; set; }

    [Required, Range(1, 65535)]
    [Description("Port: 1-65535.")]
    [JsonPropertyName("port")] public int? Port { get; set; }

    [Required, Length(1, 256)]
    [Description("HTTP path: 1-256 characters.")]
    [JsonPropertyName("path")] public string? Path { get; set; }

    [Description("Custom HTTP headers.")]
    [JsonPropertyName("httpHeader")] public List<HhSpec>? HttpHeader { get; set; }
}

[Description("An HTTP header.")]
public sealed class HhSpec
{
    [Required, Length(1, 64), Pattern(Patterns.HttpHeaderName, Patterns.HttpHeaderNameMeaning)]
    [Description("Header name: a valid HTTP header name, 1-64 characters.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Required]
    [Description("Header value.")]
    [JsonPropertyName("value")] public string? Value { get; set; }
}

[Description("A command probe.")]
public sealed class ExecSpec
{
    [Required, Items(1, 256), TotalLength(256)]
    [CelRule("size(self.join('')) <= 256", "command: total length of all items must be at most 256 characters")]
    [Description("Command to run; all items together at most 256 characters.")]
    [JsonPropertyName("command")] public List<string>? Command { get; set; }
}
