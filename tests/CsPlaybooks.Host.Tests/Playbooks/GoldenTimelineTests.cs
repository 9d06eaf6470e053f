using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>
/// Golden timelines: each shipped playbook simulated for 13 months from 2 March 2026 for a key account and a micro
/// account, compared with the checked-in JSON under Playbooks/Golden. A change of behaviour or of the response format
/// shows as a diff of those files. After a deliberate change, regenerate them and review the diff:
/// <c>UPDATE_GOLDEN=1 dotnet test tests/CsPlaybooks.Host.Tests --filter Golden</c>.
/// </summary>
public sealed class GoldenTimelineTests(ShippedPlaybooksHost fixture) : IClassFixture<ShippedPlaybooksHost>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _ops = fixture.Host.Client();

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var playbook in (string[])["handover", "novice-start", "growth-monthly-report", "pre-renewal", "win-back"])
            foreach (var tier in (string[])["KA", "micro"]) cases.Add(playbook, tier);
        return cases;
    }

    /// <summary>The account each playbook is shown with: where in the lifecycle that playbook meets it.</summary>
    private static JsonObject Account(string playbook, string tier)
    {
        var ka = tier == "KA";
        return new JsonObject
        {
            ["id"] = $"golden-{tier}", ["name"] = ka ? "Grand Hotels" : "Corner Salon", ["tier"] = tier, ["isNew"] = true,
            ["industry"] = ka ? "tourism" : "beauty", ["timeZone"] = "Europe/Berlin",
            ["stage"] = playbook switch { "growth-monthly-report" or "pre-renewal" => "growth", "win-back" => "at-risk", _ => "signing" },
            ["contract"] = new JsonObject { ["start"] = "2026-03-02", ["end"] = "2027-03-02", ["value"] = ka ? 48000 : 1200, ["currency"] = "EUR" },
            ["csm"] = new JsonObject { ["id"] = "csm-1", ["name"] = "Casey Chen", ["email"] = "casey@vendor.example" },
            ["health"] = new JsonObject { ["score"] = ka ? 82 : 45, ["band"] = ka ? "green" : "red" },
            ["contacts"] = new JsonArray(
                new JsonObject { ["id"] = "dm", ["name"] = "Dana Decider", ["email"] = "dana@customer.example", ["role"] = "decision-maker" },
                new JsonObject { ["id"] = "pl", ["name"] = "Pat Lead", ["email"] = "pat@customer.example", ["role"] = "project-lead" },
                new JsonObject { ["id"] = "ku", ["name"] = "Kim User", ["email"] = "kim@customer.example", ["role"] = "key-user" }),
            ["handover"] = new JsonObject { ["situation"] = "bookings in spreadsheets", ["problems"] = new JsonArray("double bookings"), ["implementationPlan"] = "pilot one branch, then all" },
        };
    }

    /// <summary>The outside events of each story: a signature and a CSM for the handover, the account opening for the novice start.</summary>
    private static object[] Events(string playbook) => playbook switch
    {
        "handover" => [new { at = Start, name = "account.signed" }, new { at = Start.AddHours(1), name = "csm.assigned" }],
        "novice-start" => [new { at = Start.AddDays(3), name = "account.opened" }],
        _ => [],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Simulate_ThirteenMonths_MatchesGoldenTimeline(string playbook, string tier)
    {
        var result = await (await _ops.PostJson($"/api/playbooks/{playbook}/simulate", new
        {
            version = 1, account = Account(playbook, tier), start = Start, until = Start.AddMonths(13), events = Events(playbook),
        })).Expect(200);
        var actual = result.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";

        var path = Path.Combine(ShippedPlaybooksHost.RepositoryRoot(), "tests", "CsPlaybooks.Host.Tests", "Playbooks", "Golden", $"{playbook}.{tier}.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no golden timeline {path}; generate it with UPDATE_GOLDEN=1 dotnet test tests/CsPlaybooks.Host.Tests --filter Golden");
        var expected = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        if (expected == actual) return;
        var actualPath = Path.Combine(Path.GetTempPath(), $"golden-{playbook}.{tier}.actual.json");
        await File.WriteAllTextAsync(actualPath, actual);
        Assert.Fail($"{playbook} ({tier}) no longer matches its golden timeline. {FirstDifference(expected, actual)}\n"
            + $"Review: diff -u {path} {actualPath}\nIf the change is intended: UPDATE_GOLDEN=1 dotnet test tests/CsPlaybooks.Host.Tests --filter Golden");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var (x, y) = (i < e.Length ? e[i] : "<end>", i < a.Length ? a[i] : "<end>");
            if (x != y) return $"First difference at line {i + 1}:\n- {x.Trim()}\n+ {y.Trim()}";
        }
        return "";
    }
}
