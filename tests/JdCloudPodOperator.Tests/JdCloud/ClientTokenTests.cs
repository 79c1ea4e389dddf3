using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Tests.JdCloud;

public class ClientTokenTests
{
    private const string Uid = "2f0c6b1e-8d1f-4a57-9c8e-0a4b5d6e7f80";

    [Fact]
    public void Token_is_derived_from_uid_and_attempt() =>
        ClientToken.For(Uid, 3).Should().Be($"jdpod-{Uid}-3");

    [Fact]
    public void Same_inputs_give_the_same_token_and_a_new_attempt_a_new_one()
    {
        ClientToken.For(Uid, 1).Should().Be(ClientToken.For(Uid, 1));
        ClientToken.For(Uid, 2).Should().NotBe(ClientToken.For(Uid, 1));
        ClientToken.For(Uid.Replace('2', '3'), 1).Should().NotBe(ClientToken.For(Uid, 1));
    }

    [Fact]
    public void Largest_attempt_with_a_kubernetes_uid_stays_within_64_ascii_characters()
    {
        var token = ClientToken.For(Uid, int.MaxValue);
        token.Length.Should().BeLessThanOrEqualTo(ClientToken.MaxLength);
        token.Should().StartWith($"jdpod-{Uid}-");
    }

    [Fact]
    public void Token_of_exactly_64_characters_is_kept_and_one_longer_is_hashed()
    {
        var uid57 = new string('a', 64 - "jdpod-".Length - "-1".Length);
        ClientToken.For(uid57, 1).Should().Be($"jdpod-{uid57}-1").And.HaveLength(64);
        var uid58 = uid57 + "a";
        var hashed = ClientToken.For(uid58, 1);
        hashed.Length.Should().BeLessThanOrEqualTo(64);
        hashed.Should().NotContain(uid58).And.EndWith("-1");
        ClientToken.For(uid58, 1).Should().Be(hashed, "hashing is deterministic too");
    }

    [Fact]
    public void Non_ascii_uid_is_hashed_to_ascii()
    {
        var token = ClientToken.For("uid-测试", 1);
        token.All(char.IsAscii).Should().BeTrue();
        token.Length.Should().BeLessThanOrEqualTo(64);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Attempts_start_at_one(int attempt) =>
        FluentActions.Invoking(() => ClientToken.For(Uid, attempt)).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void Empty_uid_is_refused() =>
        FluentActions.Invoking(() => ClientToken.For("", 1)).Should().Throw<ArgumentException>();
}
