using System.Buffers;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// `[registry/]repository[:tag][@digest]`, split the way Docker does: the first path component is a registry
/// when it contains '.' or ':' or is 'localhost'; a tag follows the last ':' after the registry.
/// </summary>
internal readonly ref struct ImageReference
{
    private static readonly SearchValues<char> HostCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

    public ReadOnlySpan<char> Registry { get; private init; }
    public ReadOnlySpan<char> Repository { get; private init; }
    public ReadOnlySpan<char> Tag { get; private init; }
    public bool WellFormed { get; private init; }

    public static ImageReference Parse(ReadOnlySpan<char> image)
    {
        var name = image;
        var digestOk = true;
        if (image.IndexOf('@') is var at and >= 0)
        {
            name = image[..at];
            digestOk = IsDigest(image[(at + 1)..]);
        }
        var registry = ReadOnlySpan<char>.Empty;
        if (name.IndexOf('/') is var slash and >= 0 && IsRegistry(name[..slash]))
        {
            registry = name[..slash];
            name = name[(slash + 1)..];
        }
        var tag = ReadOnlySpan<char>.Empty;
        var colon = name.LastIndexOf(':');
        var hasTag = colon >= 0;
        if (hasTag)
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
        }
        return new ImageReference
        {
            Registry = registry,
            Repository = name,
            Tag = tag,
            WellFormed = digestOk && IsRepository(name) && (!hasTag || (tag.Length > 0 && tag.IndexOfAny(":/ \t") < 0))
                && (registry.IsEmpty || IsHostAndPort(registry)),
        };
    }

    private static bool IsRegistry(ReadOnlySpan<char> component) =>
        component.IndexOfAny('.', ':') >= 0 || component.SequenceEqual("localhost");

    /// <summary>`host[:port]`: letters, digits, '.' and '-', then an optional numeric port.</summary>
    private static bool IsHostAndPort(ReadOnlySpan<char> registry)
    {
        var colon = registry.IndexOf(':');
        var host = colon < 0 ? registry : registry[..colon];
        var port = colon < 0 ? ReadOnlySpan<char>.Empty : registry[(colon + 1)..];
        return !host.IsEmpty && !host.ContainsAnyExcept(HostCharacters) && (colon < 0 || (!port.IsEmpty && !port.ContainsAnyExceptInRange('0', '9')));
    }

    /// <summary>Non-empty path components without whitespace or ':'.</summary>
    private static bool IsRepository(ReadOnlySpan<char> repository)
    {
        if (repository.IsEmpty || repository.IndexOfAny(": \t\r\n") >= 0) return false;
        foreach (var component in repository.Split('/'))
        {
            if (component.Start.Equals(component.End)) return false;
        }
        return true;
    }

    /// <summary>`algorithm:hex`, e.g. sha256:0123...</summary>
    private static bool IsDigest(ReadOnlySpan<char> digest) =>
        digest.IndexOf(':') is var colon and > 0 && colon < digest.Length - 1 && digest.IndexOfAny("@/ \t") < 0;
}
