using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>One change to a valid pod and exactly the violations it must produce (none: accepted).</summary>
public sealed record RuleCase(Action<JdCloudPod> Change, string[] Expected);

/// <summary>
/// Collects rule cases by createPods rule (docs/jdcloud-api.md, createPods rules), with helpers for the usual pairs: a
/// value at the bound (accepted) and one just past it (rejected, with the exact kubectl-style message).
/// </summary>
public sealed class RuleCaseBuilder
{
    public Dictionary<string, RuleCase> Cases { get; } = new(StringComparer.Ordinal);

    public void Ok(string item, string what, Action<JdCloudPod> change) => Add(item, what, change, []);

    public void Bad(string item, string what, Action<JdCloudPod> change, params string[] expected) => Add(item, what, change, expected);

    public void Required(string item, string path, Action<JdCloudPod> clear) => Bad(item, $"{Leaf(path)} absent", clear, $"{path}: Required value");

    /// <summary>At most <paramref name="max"/> characters: accepted at max, rejected at max + 1.</summary>
    public void MaxLength(string item, string path, Action<JdCloudPod, string> set, int max, Func<int, string>? make = null)
    {
        make ??= Text.Of;
        Ok(item, $"{Leaf(path)} of {max} characters", p => set(p, make(max)));
        Bad(item, $"{Leaf(path)} of {max + 1} characters", p => set(p, make(max + 1)), Messages.TooLong(path, max, max + 1));
    }

    /// <summary>At least one character; <paramref name="alsoBroken"/> lists what else an empty value breaks (a pattern).</summary>
    public void NotEmpty(string item, string path, Action<JdCloudPod, string> set, params string[] alsoBroken) =>
        Bad(item, $"{Leaf(path)} empty", p => set(p, ""), [Messages.Empty(path), .. alsoBroken]);

    /// <summary>Accepted at both bounds, rejected one <paramref name="step"/> outside each.</summary>
    public void Range(string item, string path, Action<JdCloudPod, int?> set, int min, int max, int step = 1)
    {
        Ok(item, $"{Leaf(path)} {min}", p => set(p, min));
        if (max != min) Ok(item, $"{Leaf(path)} {max}", p => set(p, max));
        Bad(item, $"{Leaf(path)} {min - step}", p => set(p, min - step), Messages.Range(path, min - step, min, max));
        Bad(item, $"{Leaf(path)} {max + step}", p => set(p, max + step), Messages.Range(path, max + step, min, max));
    }

    public void OneOf(string item, string path, Action<JdCloudPod, string> set, string[] values, string unsupported)
    {
        foreach (var value in values) Ok(item, $"{Leaf(path)} {value}", p => set(p, value));
        Bad(item, $"{Leaf(path)} {unsupported}", p => set(p, unsupported), Messages.Unsupported(path, unsupported, values));
    }

    /// <summary>At most <paramref name="max"/> items: accepted at max, rejected at max + 1 with Too many.</summary>
    public void MaxItems(string item, string path, Action<JdCloudPod, int> setCount, int max)
    {
        Ok(item, $"{Leaf(path)} with {max} items", p => setCount(p, max));
        Bad(item, $"{Leaf(path)} with {max + 1} items", p => setCount(p, max + 1), $"{path}: Too many: {max + 1}: must have at most {max} items");
    }

    private void Add(string item, string what, Action<JdCloudPod> change, string[] expected)
    {
        var name = $"{item} {what}";
        if (!Cases.TryAdd(name, new RuleCase(change, expected))) throw new InvalidOperationException("duplicate case name: " + name);
    }

    /// <summary>The path below podSpec (or spec), enough to tell cases apart.</summary>
    private static string Leaf(string path) =>
        path.StartsWith("spec.podSpec.", StringComparison.Ordinal) ? path["spec.podSpec.".Length..] : path["spec.".Length..];
}

/// <summary>The expected messages, in the exact kubectl wording.</summary>
public static class Messages
{
    public static string TooLong(string path, int max, int actual) => $"{path}: Too long: may not be more than {max} characters (is {actual})";

    public static string Empty(string path) => $"{path}: Invalid value: \"\": must not be empty";

    public static string Range(string path, long value, long min, long max) =>
        min == max ? $"{path}: Invalid value: {value}: must be {min}" : $"{path}: Invalid value: {value}: must be between {min} and {max}, inclusive";

    public static string Unsupported(string path, string value, string[] values) =>
        $"{path}: Unsupported value: \"{value}\": supported values: {string.Join(", ", values.Select(v => $"\"{v}\""))}";

    public static string Pattern(string path, string value, string meaning) => $"{path}: Invalid value: \"{value}\": {meaning}";

    public static string Ipv4(string path, string value) => $"{path}: Invalid value: \"{value}\": must be a valid IPv4 address, for example 10.0.0.4";

    public static string TotalTooLong(string path, int max, int actual) =>
        $"{path}: Too long: all items together may not be more than {max} characters (are {actual})";
}

/// <summary>Test strings of exact lengths.</summary>
public static class Text
{
    public static string Of(int length) => new('a', length);

    /// <summary>A valid hostname of exactly <paramref name="length"/> characters: labels of up to 63 joined by '.'.</summary>
    public static string Hostname(int length)
    {
        var labels = new List<string>();
        var left = length;
        while (left > 0)
        {
            var label = Math.Min(63, left);
            if (left - label == 1) label--; // never leave a lone '.' at the end
            labels.Add(new string((char)('a' + labels.Count % 26), label));
            left -= label + 1;
        }
        var host = string.Join('.', labels);
        return host.Length == length ? host : throw new InvalidOperationException($"cannot build a hostname of {length}");
    }

    /// <summary>An absolute path of exactly <paramref name="length"/> characters.</summary>
    public static string AbsolutePath(int length) => "/" + new string('p', length - 1);
}
