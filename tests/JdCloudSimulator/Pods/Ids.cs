namespace JdCloudSimulator.Pods;

/// <summary>Identifiers in the cloud's forms: <c>pod-</c> and 10 lower-case letters or digits, and so on.</summary>
internal sealed class Ids(Random random)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public string Next(string prefix, int length = 10) =>
        prefix + string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = Alphabet[r.Next(Alphabet.Length)];
        });

    /// <summary>A new ID that <paramref name="taken"/> does not know yet.</summary>
    public string Unused(string prefix, Func<string, bool> taken)
    {
        string id;
        do id = Next(prefix); while (taken(id));
        return id;
    }

    public string MacAddress() => $"fa:16:3e:{random.Next(256):x2}:{random.Next(256):x2}:{random.Next(256):x2}";

    public string Ipv6() => $"2400:da00:{random.Next(0x10000):x}::{random.Next(1, 0x10000):x}";

    public string PublicIp() => $"116.196.{random.Next(256)}.{random.Next(1, 255)}";

    /// <summary>A request ID like the gateway's: 32 lower-case letters and digits. Any thread.</summary>
    public static string RequestId() => new Ids(Random.Shared).Next("", 32);
}
