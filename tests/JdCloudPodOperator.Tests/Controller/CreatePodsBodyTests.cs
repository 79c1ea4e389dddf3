using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Validation;

namespace JdCloudPodOperator.Tests.Controller;

public class CreatePodsBodyTests
{
    private const string Owner = "cluster/team-a/web";

    [Fact]
    public void The_body_is_a_copy_under_the_chosen_name_with_the_owner_tag_last()
    {
        var spec = TestPods.FullPodSpec();
        var tags = spec.UserTags?.Count ?? 0;

        var sent = CreatePodsBody.PodSpecOf(spec, "web-2", Owner);

        (sent.Name, sent.UserTags![^1].Key, sent.UserTags[^1].Value).Should().Be(("web-2", OwnerTag.Key, Owner));
        sent.UserTags.Should().HaveCount(tags + 1);
        spec.Name.Should().NotBe("web-2", "the resource's own spec is not changed");
        (spec.UserTags?.Count ?? 0).Should().Be(tags);
    }

    [Theory]
    [InlineData("prepaid_by_duration", null, null, "month")]
    [InlineData("prepaid_by_duration", null, "year", "year")]
    [InlineData(null, true, null, "month")]
    [InlineData("postpaid_by_duration", null, null, null)]
    [InlineData(null, false, null, null)]
    public void A_charge_unit_in_effect_is_sent_month_by_default(string? mode, bool? converting, string? unit, string? sentUnit)
    {
        var spec = TestPods.FullPodSpec();
        spec.Charge = new ChargeSpec { ChargeMode = mode, AutoChangeChargeMode = converting, ChargeUnit = unit, ChargeDuration = 2 };
        spec.ElasticIp!.ChargeSpec = new ChargeSpec { ChargeMode = mode, AutoChangeChargeMode = converting, ChargeUnit = unit, ChargeDuration = 2 };

        var sent = CreatePodsBody.PodSpecOf(spec, "web", Owner);

        (sent.Charge!.ChargeUnit, sent.ElasticIp!.ChargeSpec!.ChargeUnit).Should().Be((sentUnit, sentUnit));
        spec.Charge.ChargeUnit.Should().Be(unit, "the resource's own spec is not changed");
    }
}
