using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using JdCloudPodOperator.Controller.Status;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class ConditionsTests
{
    private static readonly DateTime Earlier = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 1, 1, 0, 5, 0, 123, DateTimeKind.Utc);

    private static V1Condition Previous(string status) => new()
    {
        Type = Conditions.Ready, Status = status, Reason = "Old", Message = "old", LastTransitionTime = Earlier, ObservedGeneration = 1,
    };

    [Fact]
    public void Same_status_keeps_the_transition_time_but_takes_the_new_reason_message_and_generation()
    {
        var next = Conditions.Next(Previous("False"), Conditions.Ready, false, "Creating", "new", 2, Now);
        next.LastTransitionTime.Should().Be(Earlier);
        next.Reason.Should().Be("Creating");
        next.Message.Should().Be("new");
        next.ObservedGeneration.Should().Be(2);
    }

    [Fact]
    public void Changed_status_takes_now_to_the_second()
    {
        var next = Conditions.Next(Previous("False"), Conditions.Ready, true, "AllPodsRunning", "ok", 2, Now);
        next.Status.Should().Be("True");
        next.LastTransitionTime.Should().Be(new DateTime(2026, 1, 1, 0, 5, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void First_condition_takes_now() =>
        Conditions.Next(null, Conditions.Stalled, false, "NotStalled", "m", 1, Now).LastTransitionTime.Should().Be(Now.AddMilliseconds(-123));

    [Fact]
    public void Message_is_cut_at_the_metav1_limit()
    {
        var exact = new string('m', Conditions.MaxMessageLength);
        Conditions.Next(null, Conditions.Ready, false, "R", exact, 1, Now).Message.Should().HaveLength(Conditions.MaxMessageLength);
        Conditions.Next(null, Conditions.Ready, false, "R", exact + "m", 1, Now).Message.Should().HaveLength(Conditions.MaxMessageLength);
    }

    [Theory]
    [InlineData("InvalidSpec", "InvalidSpec")]
    [InlineData("INVALID_ARGUMENT", "InvalidArgument")]
    [InlineData("RATE_LIMIT", "RateLimit")]
    [InlineData("invalidParameter", "InvalidParameter")]
    [InlineData("quota exceeded!", "QuotaExceeded")]
    [InlineData("400", "CloudRejected")]
    [InlineData("", "CloudRejected")]
    [InlineData(null, "CloudRejected")]
    [InlineData("测试", "CloudRejected")]
    public void Reasons_are_camel_case_words(string? raw, string expected) => Conditions.SafeReason(raw).Should().Be(expected);

    [Fact]
    public void Any_text_becomes_a_reason_the_api_server_accepts() =>
        Prop.ForAll<string>(raw =>
        {
            var reason = Conditions.SafeReason(raw);
            return reason.Length <= 1024 && Regex.IsMatch(reason, "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Find_looks_up_by_type()
    {
        var list = new List<V1Condition> { Previous("True") };
        Conditions.Find(list, Conditions.Ready).Should().BeSameAs(list[0]);
        Conditions.Find(list, Conditions.Stalled).Should().BeNull();
        Conditions.Find(null, Conditions.Ready).Should().BeNull();
    }
}
