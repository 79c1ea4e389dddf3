using System.Text;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Controller.Status;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class CredentialsSecretTests
{
    private static V1Secret Secret(params (string Key, string Value)[] data) =>
        new() { Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)) };

    [Fact]
    public void Both_keys_give_credentials()
    {
        var (credentials, problem) = CredentialsSecret.Read(Secret(("accessKey", " AK1 "), ("secretKey", "SK1")), "ns", "creds");
        problem.Should().BeNull();
        credentials!.AccessKey.Should().Be("AK1");
        credentials.SecretKey.Should().Be("SK1");
        credentials.SecurityToken.Should().BeNull();
    }

    [Fact]
    public void An_optional_security_token_is_read() =>
        CredentialsSecret.Read(Secret(("accessKey", "AK"), ("secretKey", "SK"), ("securityToken", "T")), "ns", "creds")
            .Credentials!.SecurityToken.Should().Be("T");

    [Fact]
    public void Missing_secret_is_CredentialsNotFound_naming_it()
    {
        var (credentials, problem) = CredentialsSecret.Read(null, "ns", "creds");
        credentials.Should().BeNull();
        problem!.Reason.Should().Be(Reasons.CredentialsNotFound);
        problem.Kind.Should().Be(ProblemKind.Retrying);
        problem.Message.Should().Contain("ns/creds");
    }

    [Theory]
    [InlineData("accessKey")]
    [InlineData("secretKey")]
    public void A_missing_or_blank_key_is_named_and_no_value_is_shown(string missing)
    {
        var present = missing == "accessKey" ? ("secretKey", "TOP-SECRET") : ("accessKey", "AK-VISIBLE?");
        foreach (var secret in new[] { Secret(present), Secret(present, (missing, "  ")) })
        {
            var (credentials, problem) = CredentialsSecret.Read(secret, "ns", "creds");
            credentials.Should().BeNull();
            problem!.Reason.Should().Be(Reasons.CredentialsNotFound);
            problem.Message.Should().Contain(missing).And.NotContain(present.Item2);
        }
    }

    [Fact]
    public void No_secret_name_is_CredentialsNotFound() =>
        CredentialsSecret.Read(null, "ns", null).Problem!.Message.Should().Contain("credentialsSecretRef");
}
