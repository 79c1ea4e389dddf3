namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// A test with its own <see cref="ControllerHarness"/> (JD Cloud simulator, namespace, credentials Secret): started
/// before each test, disposed after it. A class that needs more (an operator, another simulator) overrides
/// <see cref="InitializeAsync"/> or <see cref="DisposeAsync"/> and calls the base first.
/// </summary>
public abstract class HarnessTest(string namespacePrefix, bool withSecret = true) : IAsyncLifetime
{
    // Named as the test classes have always named their harness.
    protected ControllerHarness _h = null!;

    public virtual async Task InitializeAsync() => _h = await ControllerHarness.StartAsync(namespacePrefix, withSecret: withSecret);

    public virtual async Task DisposeAsync() => await _h.DisposeAsync();
}
