using System.Globalization;

namespace CsPlaybooks.Host.Tests.Operations;

/// <summary>Reads samples out of a Prometheus text exposition (what a scraper sees at /metrics).</summary>
public sealed class PrometheusText(string text)
{
    public string Text { get; } = text;

    public static async Task<PrometheusText> ScrapeAsync(HttpClient anonymous)
    {
        var response = await anonymous.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /metrics answered {(int)response.StatusCode}: {body}");
        return new PrometheusText(body);
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include all of <paramref name="labels"/> ("key=value"); 0 when none.</summary>
    public double Sum(string name, params string[] labels) => Samples(name, labels).Sum();

    public bool Has(string name, params string[] labels) => Samples(name, labels).Any();

    private IEnumerable<double> Samples(string name, string[] labels)
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal)) continue;
            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' ')) continue; // another metric with this prefix
            var labelText = rest[0] == '{' ? rest[1..rest.IndexOf('}')] : "";
            if (!labels.All(l => labelText.Contains($"{l.Split('=')[0]}=\"{l.Split('=', 2)[1]}\"", StringComparison.Ordinal))) continue;
            var value = rest[(rest[0] == '{' ? rest.IndexOf('}') + 1 : 0)..].Trim().Split(' ')[0];
            yield return double.Parse(value, CultureInfo.InvariantCulture);
        }
    }
}
