namespace JdCloudPodOperator.Bench;

/// <summary>A Markdown table on the console, columns padded to their widest cell (the README takes it as is).</summary>
public static class Table
{
    public static void Print(string[] header, IEnumerable<string[]> rows, int[] rightAligned)
    {
        var all = rows.ToList();
        var widths = header.Select((h, i) => all.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => rightAligned.Contains(i) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))) + " |";
        Console.WriteLine();
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => rightAligned.Contains(i) ? new string('-', w + 1) + ":" : new string('-', w + 2))) + "|");
        foreach (var row in all) Console.WriteLine(Line(row));
    }
}
