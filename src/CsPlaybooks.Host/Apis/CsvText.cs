using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>A report's data as CSV (RFC 4180: a header row, fields quoted when they hold a comma, quote or line break).</summary>
public static class CsvText
{
    public static ContentHttpResult Of(string[] header, IEnumerable<object?[]> rows)
    {
        var sb = new StringBuilder();
        Line(sb, header);
        foreach (var row in rows) Line(sb, row);
        return TypedResults.Text(sb.ToString(), "text/csv; charset=utf-8");
    }

    private static void Line(StringBuilder sb, IEnumerable<object?> fields)
    {
        sb.AppendJoin(',', fields.Select(Field));
        sb.Append("\r\n");
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
    }
}
