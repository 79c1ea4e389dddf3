using JdCloudPodOperator.Runtime;

namespace JdCloudPodOperator.Tests.Runtime;

public class StringPoolTests
{
    [Fact]
    public void Equal_strings_come_back_as_one_instance()
    {
        var first = StringPool.Share(new string("AllPodsRunning".AsSpan()));
        var second = StringPool.Share(new string("AllPodsRunning".AsSpan()));

        second.Should().BeSameAs(first);
    }

    [Fact]
    public void A_value_whose_slot_another_took_comes_back_equal_and_takes_the_slot_again()
    {
        // 5,000 distinct values in 4,096 slots: some evict others, each is still returned as itself.
        var values = Enumerable.Range(0, 5000).Select(i => $"value-{i}").ToList();
        values.Select(StringPool.Share).Should().Equal(values);

        var again = new string(values[0].AsSpan());
        StringPool.Share(again).Should().Be(values[0]);
        StringPool.Share(new string(values[0].AsSpan())).Should().BeSameAs(StringPool.Share(again));
    }

    [Fact]
    public void Null_stays_null_and_a_list_is_shared_in_place()
    {
        StringPool.Share(null).Should().BeNull();
        var first = new List<string> { new("jdcloudpod.io/cloud-pods".AsSpan()) };
        var second = new List<string> { new("jdcloudpod.io/cloud-pods".AsSpan()) };

        StringPool.ShareEach(first);
        StringPool.ShareEach(second);

        second[0].Should().BeSameAs(first[0]);
    }
}
