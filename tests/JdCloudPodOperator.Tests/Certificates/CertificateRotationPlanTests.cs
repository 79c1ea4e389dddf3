using JdCloudPodOperator.Certificates;

namespace JdCloudPodOperator.Tests.Certificates;

/// <summary>The order of an operator-managed rotation, decided from the stored certificates and the clock alone.</summary>
public class CertificateRotationPlanTests
{
    private static readonly string[] Names = ["127.0.0.1", "svc.ns.svc"];
    private static readonly CertificateLifetimes Lifetimes = new()
    {
        CaValidity = TimeSpan.FromDays(100), CaRenewBefore = TimeSpan.FromDays(30),
        ServingValidity = TimeSpan.FromDays(10), ServingRenewBefore = TimeSpan.FromDays(3),
    };
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow;

    [Fact]
    public void Nothing_stored_creates_a_ca_and_a_serving_certificate_for_every_name()
    {
        var (set, change) = WebhookCertificateRotation.Plan(null, Names, Start, false, Lifetimes);

        change.Should().NotBeNull();
        set.ServingIsSignedByCa.Should().BeTrue();
        set.Trusted.Should().ContainSingle().Which.Thumbprint.Should().Be(set.Ca.Thumbprint);
        WebhookCertificateAuthority.NamesOf(set.Serving).Should().BeEquivalentTo(Names);
        WebhookCertificateSet.FromSecret(new k8s.Models.V1Secret { Data = set.ToSecretData() })!.Serving.Thumbprint.Should().Be(set.Serving.Thumbprint);
    }

    [Fact]
    public void Serving_certificate_is_kept_until_due_then_renewed_from_the_same_ca()
    {
        var (set, _) = WebhookCertificateRotation.Plan(null, Names, Start, false, Lifetimes);

        WebhookCertificateRotation.Plan(set, Names, Start.AddDays(6.9), true, Lifetimes).Change.Should().BeNull("3 days and more are left");
        var (renewed, change) = WebhookCertificateRotation.Plan(set, Names, Start.AddDays(7.1), true, Lifetimes);
        change.Should().Be("renewed the serving certificate");
        renewed.Serving.Thumbprint.Should().NotBe(set.Serving.Thumbprint);
        renewed.Ca.Thumbprint.Should().Be(set.Ca.Thumbprint);
        renewed.BundlePem.Should().Be(set.BundlePem, "the caBundle does not change");
    }

    [Fact]
    public void A_new_name_gets_a_new_serving_certificate()
    {
        var (set, _) = WebhookCertificateRotation.Plan(null, Names, Start, false, Lifetimes);

        var (next, change) = WebhookCertificateRotation.Plan(set, [.. Names, "other.ns.svc"], Start, true, Lifetimes);

        change.Should().Be("renewed the serving certificate");
        WebhookCertificateAuthority.NamesOf(next.Serving).Should().Contain("other.ns.svc");
    }

    [Fact]
    public void Ca_rollover_trusts_both_switches_serving_only_once_published_and_drops_the_old_ca_when_it_expires()
    {
        var (set, _) = WebhookCertificateRotation.Plan(null, Names, Start, false, Lifetimes);
        var rolloverTime = Start.AddDays(71);

        var (rolled, change) = WebhookCertificateRotation.Plan(set, Names, rolloverTime, false, Lifetimes);
        change.Should().StartWith("rolled over to a new CA");
        rolled.Trusted.Select(c => c.Thumbprint).Should().Equal(rolled.Ca.Thumbprint, set.Ca.Thumbprint);
        rolled.Serving.Thumbprint.Should().Be(set.Serving.Thumbprint, "the old serving certificate stays until the new CA is trusted");

        WebhookCertificateRotation.Plan(rolled, Names, rolloverTime, false, Lifetimes).Change.Should().BeNull("the caBundle is not published yet");
        var (switched, switchChange) = WebhookCertificateRotation.Plan(rolled, Names, rolloverTime, true, Lifetimes);
        switchChange.Should().Be("issued a serving certificate from the new CA");
        switched.ServingIsSignedByCa.Should().BeTrue();
        switched.Trusted.Should().HaveCount(2);

        var afterOldCa = Start.AddDays(101.1);
        var (renewed, _) = WebhookCertificateRotation.Plan(switched, Names, afterOldCa, true, Lifetimes);
        var (pruned, pruneChange) = WebhookCertificateRotation.Plan(renewed, Names, afterOldCa, true, Lifetimes);
        pruneChange.Should().Be("dropped an expired CA from the caBundle");
        pruned.Trusted.Should().ContainSingle().Which.Thumbprint.Should().Be(switched.Ca.Thumbprint);
        WebhookCertificateRotation.Plan(pruned, Names, afterOldCa, true, Lifetimes).Change.Should().BeNull();
    }
}
