using System.Security.Cryptography.X509Certificates;

namespace JdCloudPodOperator.Certificates;

/// <summary>Lifetimes of operator-managed certificates and when they are replaced.</summary>
public sealed record CertificateLifetimes
{
    public TimeSpan CaValidity { get; init; } = TimeSpan.FromDays(5 * 365);

    /// <summary>A new CA is made this long before the old one expires; both stay in the caBundle until then.</summary>
    public TimeSpan CaRenewBefore { get; init; } = TimeSpan.FromDays(365);

    public TimeSpan ServingValidity { get; init; } = TimeSpan.FromDays(90);

    /// <summary>A new serving certificate (same CA, so the caBundle does not change) this long before expiry.</summary>
    public TimeSpan ServingRenewBefore { get; init; } = TimeSpan.FromDays(30);
}

/// <summary>
/// Decides the next certificate set from the stored one, so every replica reaches the same answer. Order matters for
/// zero downtime: a new CA first joins the caBundle next to the old one, and serving certificates switch to it only
/// once the published caBundle trusts it; the old CA leaves the bundle when it expires.
/// </summary>
internal static class WebhookCertificateRotation
{
    /// <summary>The next set and why it changed, or (<paramref name="current"/>, null) when nothing is due.</summary>
    public static (WebhookCertificateSet Next, string? Change) Plan(WebhookCertificateSet? current, IReadOnlyList<string> hostNames,
        DateTimeOffset now, bool publishedBundleTrustsCa, CertificateLifetimes lifetimes)
    {
        if (current is null)
        {
            var ca = WebhookCertificateAuthority.CreateCa(now, lifetimes.CaValidity);
            return (new WebhookCertificateSet(ca, Serving(ca, hostNames, now, lifetimes), [ca]), "created a CA and a serving certificate");
        }
        if (Remaining(current.Ca, now) < lifetimes.CaRenewBefore)
        {
            var ca = WebhookCertificateAuthority.CreateCa(now, lifetimes.CaValidity);
            return (current with { Ca = ca, Trusted = [ca, .. Unexpired(current.Trusted, now)] }, "rolled over to a new CA (the old one stays trusted until it expires)");
        }
        if (!current.ServingIsSignedByCa && publishedBundleTrustsCa)
            return (current with { Serving = Serving(current.Ca, hostNames, now, lifetimes) }, "issued a serving certificate from the new CA");
        if (current.ServingIsSignedByCa && (Remaining(current.Serving, now) < lifetimes.ServingRenewBefore
            || !hostNames.All(WebhookCertificateAuthority.NamesOf(current.Serving).Contains)))
            return (current with { Serving = Serving(current.Ca, hostNames, now, lifetimes) }, "renewed the serving certificate");
        var trusted = Unexpired(current.Trusted, now);
        return trusted.Count != current.Trusted.Count
            ? (current with { Trusted = trusted }, "dropped an expired CA from the caBundle")
            : (current, null);
    }

    private static X509Certificate2 Serving(X509Certificate2 ca, IEnumerable<string> hostNames, DateTimeOffset now, CertificateLifetimes lifetimes) =>
        WebhookCertificateAuthority.IssueServing(ca, hostNames, now, now + lifetimes.ServingValidity);

    private static TimeSpan Remaining(X509Certificate2 certificate, DateTimeOffset now) => certificate.NotAfter.ToUniversalTime() - now.UtcDateTime;

    private static List<X509Certificate2> Unexpired(IEnumerable<X509Certificate2> cas, DateTimeOffset now) =>
        cas.Where(c => Remaining(c, now) > TimeSpan.Zero).ToList();
}
