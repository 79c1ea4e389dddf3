using System.ComponentModel;

namespace JdCloudPodOperator.Tests.Infrastructure;

/// <summary>
/// A folder under tests/ with a package.json and a checked-in package-lock.json, whose scripts the tests run with
/// node. Installed on first use with `npm ci` (tests/run-tests.sh does it up front); node_modules stays out of git.
/// </summary>
public sealed class NodePackage(string folder, string installedMarker, string usedBy)
{
    private readonly string _folder = RepoPaths.Of("tests", folder);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _installed;

    /// <summary>Runs node on a script of the package with <paramref name="stdin"/>; throws when it exits non-zero.</summary>
    public async Task<string> RunScriptAsync(string script, string stdin, TimeSpan timeout)
    {
        await EnsureInstalledAsync();
        var run = await RunAsync("node", [Path.Combine(_folder, script)], stdin, timeout);
        if (run.ExitCode != 0) throw new InvalidOperationException($"node {script} in tests/{folder} failed:\n" + run.Output);
        return run.StdOut;
    }

    private async Task EnsureInstalledAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_installed || IsInstalled()) return;
            // Another test process may install at the same time: npm ci under an exclusive file lock.
            using var exclusive = await LockAsync(Path.Combine(_folder, ".npm-ci.lock"));
            if (!IsInstalled())
            {
                var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", _folder], null, TimeSpan.FromMinutes(10));
                if (install.ExitCode != 0) throw new InvalidOperationException($"npm ci in tests/{folder} failed:\n" + install.Output);
            }
        }
        finally
        {
            _installed = IsInstalled();
            _gate.Release();
        }
    }

    private bool IsInstalled() => File.Exists(Path.Combine(_folder, "node_modules", installedMarker));

    private static async Task<FileStream> LockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 6000)
            {
                await Task.Delay(100);
            }
        }
    }

    private async Task<ProcessResult> RunAsync(string tool, string[] args, string? stdin, TimeSpan timeout)
    {
        try
        {
            return await ProcessRunner.RunAsync(tool, args, stdin: stdin, timeout: timeout);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{tool} is not installed: {usedBy} run with node and npm (tests/run-tests.sh installs them, " +
                "or: tests/control-plane/control-plane.sh packages nodejs npm)", e);
        }
    }
}
