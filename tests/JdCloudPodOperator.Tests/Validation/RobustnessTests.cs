using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>Random damage to valid pods (fixed seed): the validator reports, it never throws.</summary>
public class RobustnessTests
{
    private static readonly string[] Strings =
        ["", " ", "a", "A_b", "/", "//", "/data/", "\n", "名字", "😀", "10.0.0.1", "-", ".", ":", "@", "nginx:", new string('x', 5000)];

    [Fact]
    public void Randomly_damaged_pods_never_throw()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 1500; i++)
        {
            var pod = random.Next(2) == 0 ? TestPods.Full() : TestPods.Largest();
            var old = TestPods.Full();
            old.Status = new JdCloudPodStatus { PodIds = ["pod-1"] };
            Damage(pod.Spec, random, depth: 0);

            var result = JdCloudPodValidator.ValidateUpdate(old, pod);

            result.Violations.Where(v => !v.Field.StartsWith("spec") || v.ToString().Length > 1000).Should().BeEmpty();
            result.Warnings.Where(w => !w.StartsWith("spec") || w.Length > 1000).Should().BeEmpty();
        }
    }

    private static void Damage(object target, Random random, int depth)
    {
        foreach (var property in target.GetType().GetProperties().Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null))
        {
            var value = property.GetValue(target);
            if (random.Next(6) == 0)
            {
                property.SetValue(target, Scramble(property.PropertyType, random));
            }
            else if (value is IList list)
            {
                foreach (var item in list)
                {
                    if (item is not null && item is not string && depth < 8) Damage(item, random, depth + 1);
                }
                if (random.Next(10) == 0 && list.Count > 0) list.Add(random.Next(2) == 0 ? null : list[0]);
            }
            else if (value is not null && PropertyIsEntity(property) && depth < 8)
            {
                Damage(value, random, depth + 1);
            }
        }
    }

    private static bool PropertyIsEntity(PropertyInfo property) => property.PropertyType.Namespace == typeof(JdCloudPod).Namespace;

    private static object? Scramble(Type type, Random random)
    {
        if (random.Next(4) == 0) return null;
        if (type == typeof(string)) return Strings[random.Next(Strings.Length)];
        if (type == typeof(int?)) return random.Next(5) switch { 0 => int.MinValue, 1 => int.MaxValue, 2 => 0, _ => random.Next(-10, 5000) };
        if (type == typeof(bool?)) return random.Next(2) == 0;
        if (type == typeof(List<string>)) return Enumerable.Range(0, random.Next(0, 300)).Select(_ => Strings[random.Next(Strings.Length)]).ToList();
        return type.IsGenericType ? Activator.CreateInstance(type) : type.GetConstructor(Type.EmptyTypes)?.Invoke(null);
    }
}
