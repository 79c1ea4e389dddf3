using System.CommandLine;
using System.CommandLine.Parsing;

namespace JdCloudPodOperator.Cli;

/// <summary>
/// Where a flag's value comes from when it is not on the command line: its environment variable, then the
/// settings file (appsettings.json, section "Operator", key = the flag's name in PascalCase: --settled-poll-interval is
/// Operator:SettledPollInterval; a former name, e.g. ResyncPeriod, is read too), then the built-in default. So: flags &gt; environment &gt; appsettings.json &gt; defaults.
/// </summary>
public static class SettingSources
{
    public const string Section = "Operator";
    public const string DefaultFile = "appsettings.json";

    public static readonly Option<string?> ConfigFile = new("--config")
    {
        Description = $"Settings file (JSON, section \"{Section}\": every flag by its PascalCase name, e.g. {{\"{Section}\": {{\"Concurrency\": 8}}}}). Default: {DefaultFile} in the working directory, then next to the executable, when it exists. Env JDPOD_CONFIG. Flags win over environment variables, which win over this file.",
    };

    /// <summary>The setting of the option being defaulted: from <paramref name="env"/>, the settings file, or <paramref name="fallback"/>.</summary>
    public static T Get<T>(ArgumentResult result, string? env, Func<string, T> parse, T fallback) =>
        Get(result, env is null ? [] : [env], parse, fallback);

    /// <summary>As above, for a setting with former names: the first variable of <paramref name="envs"/> that is set
    /// wins, and the settings file is read under the flag's name, then under each alias.</summary>
    public static T Get<T>(ArgumentResult result, IReadOnlyList<string> envs, Func<string, T> parse, T fallback)
    {
        var (text, source) = Find(result, envs);
        if (text is null) return fallback;
        try
        {
            return parse(text.Trim());
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or UriFormatException)
        {
            throw new InvalidOperationException($"{source}='{text}' is invalid: {e.Message}");
        }
    }

    private static (string? Text, string Source) Find(ArgumentResult result, IReadOnlyList<string> envs)
    {
        foreach (var env in envs)
            if (Environment.GetEnvironmentVariable(env) is { } fromEnv && !string.IsNullOrWhiteSpace(fromEnv))
                return (fromEnv, $"environment variable {env}");
        // Help shows defaults without parsing a command line: environment and built-in defaults only.
        if (result.Parent is not OptionResult option) return (null, "");
        // Read here, not as the option's default: another option's default cannot ask for one.
        var (settings, path) = Load(result.GetValue(ConfigFile) ?? NonEmpty(Environment.GetEnvironmentVariable("JDPOD_CONFIG")));
        var key = new[] { option.Option.Name }.Concat(option.Option.Aliases).Select(Key)
            .FirstOrDefault(name => settings?.GetSection(name).Exists() == true) ?? Key(option.Option.Name);
        var section = settings?.GetSection(key);
        // A list (["a", "b"]) reads as the comma-separated form its environment variable takes.
        var text = section?.Value ?? (section?.GetChildren().Select(c => c.Value).ToList() is { Count: > 0 } items ? string.Join(',', items) : null);
        return (string.IsNullOrWhiteSpace(text) ? null : text, $"{path}: {Section}:{key}");
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>--resync-period: ResyncPeriod.</summary>
    public static string Key(string optionName) =>
        string.Concat(optionName.TrimStart('-').Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static (IConfigurationSection? Settings, string Path) Load(string? given)
    {
        var path = given ?? new[] { Path.GetFullPath(DefaultFile), Path.Combine(AppContext.BaseDirectory, DefaultFile) }.FirstOrDefault(File.Exists);
        if (path is null) return (null, DefaultFile);
        if (!File.Exists(path)) throw new InvalidOperationException($"settings file {path} not found");
        try
        {
            return (new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false).Build().GetSection(Section), path);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"settings file {path} is not valid JSON: {e.Message}");
        }
    }
}
