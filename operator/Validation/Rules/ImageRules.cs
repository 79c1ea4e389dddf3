using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>The parts of an image reference and their limits (checklist items 59-60).</summary>
internal static class ImageRules
{
    private const int MaxRegistry = 255;
    private const int MaxRepository = 256;
    private const int MaxTag = 128;
    private const string Shape = "must be an image reference [registry/]repository[:tag][@digest], for example nginx:latest or mysql/mysql-server";

    public static void Parts(ContainerSpec container, ValidationContext context)
    {
        if (string.IsNullOrEmpty(container.Image)) return; // Required and Length report these
        var image = ImageReference.Parse(container.Image);
        if (!image.WellFormed)
        {
            context.Add(ViolationKind.Invalid, "image", container.Image, Shape);
            return;
        }
        TooLong("registry", image.Registry.Length, MaxRegistry, context);
        TooLong("repository", image.Repository.Length, MaxRepository, context);
        TooLong("tag", image.Tag.Length, MaxTag, context);
    }

    private static void TooLong(string part, int length, int max, ValidationContext context)
    {
        if (length > max) context.Add(ViolationKind.TooLong, "image", null, $"the {part} may not be more than {max} characters (is {length})");
    }
}

/// <summary>
/// `[registry/]repository[:tag][@digest]`, split the way Docker does: the first path component is a registry
/// when it contains '.' or ':' or is 'localhost'; a tag follows the last ':' after the registry.
/// </summary>
internal readonly ref struct ImageReference
{
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

    private static readonly System.Buffers.SearchValues<char> HostCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

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
