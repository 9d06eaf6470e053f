using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Csms;

namespace CsPlaybooks.Infrastructure.Demo;

/// <summary>The health band a demo account's usage is built to reach (see <see cref="DemoUsage"/>).</summary>
public enum UsageProfile { Green, Yellow, Red }

/// <summary>One planned demo account: its document, the usage it gets (none for an account that has just signed), and whether sales just signed it.</summary>
public sealed record DemoAccount(string Id, JsonObject Document, UsageProfile? Usage, DateOnly UsageFrom, bool Signed);

/// <summary>
/// The sample book (docs/demo.md): CSMs with capacities and about 60 accounts across the three tiers, six industries and
/// every lifecycle stage, with contracts at every point of their term — all dated relative to <c>today</c> and varied
/// from a fixed seed, so the same day always gives the same book. Everything is marked: ids start with
/// <see cref="IdPrefix"/>, names end with "(demo)", accounts carry the tag <see cref="Tag"/>, contacts use example.com / example.org.
/// </summary>
public static class DemoPlan
{
    public const string IdPrefix = "demo-";
    public const string CsmIdPrefix = "demo-csm-";
    public const string Tag = "demo";
    public const int Seed = 20261205;

    public static readonly IReadOnlyList<CsmDraft> Csms =
    [
        Csm("lead", "Lena Fischer", "high", 6, ["KA"], isLead: true),
        Csm("dana", "Dana Reyes", "high", 10, ["KA"]),
        Csm("omar", "Omar Haddad", "high", 10, ["KA"]),
        Csm("mei", "Mei Chen", "mid", 40, ["ordinary"]),
        Csm("jonas", "Jonas Berg", "mid", 40, ["ordinary", "micro"]),
        Csm("priya", "Priya Nair", "tech", 80, ["micro"]),
    ];

    private static CsmDraft Csm(string key, string name, string touch, int capacity, string[] tiers, bool isLead = false) =>
        new(CsmIdPrefix + key, $"{name} (demo)", $"{key}.csm@example.com", null, touch, capacity, [], tiers, isLead);

    private static readonly string[] Industries = ["catering", "tourism", "beauty", "retail", "education", "logistics"];
    private static readonly string[] Zones = ["Europe/Berlin", "Europe/London", "America/New_York", "Asia/Shanghai", "Europe/Paris", "Asia/Singapore"];
    private static readonly string[] Words =
    [
        "Acme", "Harbour", "Lakeside", "Summit", "Bluebird", "Northwind", "Juniper", "Cobalt", "Maple", "Orchid", "Pioneer", "Riverside",
        "Saffron", "Tidal", "Aurora", "Granite", "Willow", "Kestrel", "Lotus", "Meridian", "Nimbus", "Opal", "Quarry", "Redwood",
        "Sierra", "Terra", "Umber", "Vista", "Wren", "Zephyr",
    ];
    private static readonly string[] Suffixes = ["GmbH", "Ltd", "Inc", "SAS", "Pte Ltd", "Co"];
    private static readonly string[] FirstNames = ["Alex", "Sam", "Robin", "Kim", "Noor", "Yuki", "Lea", "Tom", "Ines", "Ravi", "Ana", "Ben"];

    /// <summary>Lifecycle groups: stage, how many, how their tiers rotate, their health, and where their contract stands.</summary>
    private sealed record Group(string Key, string Stage, int Count, string[] Tiers, UsageProfile?[] Bands, Contract Term);

    /// <param name="Start">Days since the current contract began (negative: not yet).</param>
    /// <param name="Months">Term in months.</param>
    /// <param name="Renewed">Whether the current term is a renewal (the previous one is in contractHistory).</param>
    private sealed record Contract(Func<int, int> Start, Func<int, int> Months, bool Renewed = false);

    private static readonly Group[] Groups =
    [
        // Just signed: the handover playbook starts from account.signed; half lack packet items, so sales gets a task.
        new("signed", "signing", 6, ["KA", "ordinary", "micro"], [null], new(i => i % 3, i => i % 3 == 0 ? 24 : 12)),
        new("onboarding", "onboarding", 8, ["ordinary", "micro", "KA", "micro"], [UsageProfile.Green, UsageProfile.Yellow, UsageProfile.Green, UsageProfile.Red], new(i => 20 + 9 * i, _ => 12)),
        new("growth", "growth", 12, ["ordinary", "micro", "KA", "ordinary", "micro", "micro"], [UsageProfile.Green, UsageProfile.Green, UsageProfile.Yellow], new(i => 100 + 10 * i, _ => 12)),
        new("renewed", "growth", 4, ["KA", "ordinary", "micro", "ordinary"], [UsageProfile.Green], new(i => 25 + 10 * i, _ => 12, Renewed: true)),
        new("maturity", "maturity", 8, ["KA", "ordinary", "micro", "ordinary"], [UsageProfile.Green, UsageProfile.Green, UsageProfile.Yellow], new(i => 380 + 12 * i, i => i % 2 == 0 ? 24 : 36)),
        // One third of the term or less left: pre-renewal enrols them at the sweep.
        new("renewal", "renewal", 8, ["ordinary", "micro", "KA", "micro"], [UsageProfile.Green, UsageProfile.Yellow, UsageProfile.Red], new(i => 250 + 10 * i, _ => 12)),
        new("at-risk", "at-risk", 8, ["micro", "ordinary", "ordinary", "KA"], [UsageProfile.Red, UsageProfile.Red, UsageProfile.Yellow], new(i => 150 + 25 * i, _ => 12)),
        // Contract ended and not renewed: win-back enrols them.
        new("churned", "churned", 6, ["micro", "ordinary", "micro"], [UsageProfile.Red], new(i => 380 + 10 * i, _ => 12)),
    ];

    /// <summary>The number of accounts <see cref="Accounts"/> plans.</summary>
    public static int AccountCount => Groups.Sum(g => g.Count);

    /// <summary>The planned accounts for <paramref name="today"/> (UTC), each with its CSM (none for the just signed: the handover playbook assigns one).</summary>
    public static IReadOnlyList<DemoAccount> Accounts(DateOnly today)
    {
        var random = new Random(Seed);
        var result = new List<DemoAccount>();
        var n = 0;
        var perTier = new Dictionary<string, int>();
        foreach (var group in Groups)
            for (var i = 0; i < group.Count; i++, n++)
            {
                var tier = group.Tiers[i % group.Tiers.Length];
                var band = group.Bands[i % group.Bands.Length];
                var industry = Industries[n % Industries.Length];
                var word = Words[n % Words.Length];
                var suffix = Suffixes[(n / Words.Length + n) % Suffixes.Length];
                var id = $"{IdPrefix}{group.Key}-{i + 1:D2}";
                var start = today.AddDays(-group.Term.Start(i));
                var end = start.AddMonths(group.Term.Months(i));
                var name = $"{word} Demo {Capitalise(industry)} {suffix} (demo)";
                var seats = tier switch { "KA" => random.Next(150, 400), "ordinary" => random.Next(30, 80), _ => random.Next(3, 15) };
                var value = tier switch { "KA" => 60_000 + 10_000 * random.Next(0, 8), "ordinary" => 12_000 + 1_000 * random.Next(0, 12), _ => 1_200 + 100 * random.Next(0, 20) };
                var document = new JsonObject
                {
                    ["id"] = id, ["name"] = name, ["tier"] = tier, ["industry"] = industry, ["stage"] = group.Stage,
                    ["timeZone"] = Zones[n % Zones.Length], ["seats"] = seats, ["tags"] = new JsonArray(Tag, group.Key),
                    ["isNew"] = group.Key != "renewed",
                    ["contract"] = new JsonObject { ["start"] = Iso(start), ["end"] = Iso(end), ["value"] = value, ["currency"] = "EUR", ["edition"] = tier == "micro" ? "starter" : "professional" },
                    ["contacts"] = Contacts(id, n, complete: !(group.Stage == "signing" && i % 2 == 1)),
                };
                if (!(group.Stage == "signing" && i % 2 == 1)) document["handover"] = Handover(industry);
                if (group.Stage != "signing")
                {
                    var csm = CsmFor(tier, perTier[tier] = perTier.GetValueOrDefault(tier) + 1);
                    document["csmId"] = csm.Id;
                    document["csm"] = new JsonObject { ["id"] = csm.Id, ["name"] = csm.Name, ["email"] = csm.Email };
                }
                if (group.Term.Renewed) Renew(document, start);
                if (group.Stage == "churned") document["reasons"] = new JsonObject { ["non-renewal"] = Reason("non-renewal", "insufficient-service-value", "the team never finished training", end) };
                var usageFrom = group.Stage == "onboarding" ? start : today.AddDays(-DemoUsage.Days);
                result.Add(new DemoAccount(id, document, band, usageFrom, group.Stage == "signing"));
            }
        return result;
    }

    private static CsmDraft CsmFor(string tier, int nth) => tier switch
    {
        "KA" => Csms[1 + nth % 2],
        "ordinary" => Csms[3 + nth % 2],
        _ => nth % 4 == 0 ? Csms[4] : Csms[5],
    };

    private static JsonArray Contacts(string id, int n, bool complete)
    {
        var slug = id[IdPrefix.Length..];
        var domain = n % 2 == 0 ? "example.com" : "example.org";
        JsonObject Contact(string role, int k) => new()
        {
            ["id"] = role, ["name"] = $"{FirstNames[(n + k) % FirstNames.Length]} ({role})", ["email"] = $"{role}.{slug}@{domain}", ["role"] = role,
        };
        var contacts = new JsonArray(Contact("decision-maker", 0), Contact("project-lead", 1));
        if (complete) contacts.Add(Contact("key-user", 2));
        return contacts;
    }

    private static JsonObject Handover(string industry) => new()
    {
        ["situation"] = $"A {industry} business running its operations on spreadsheets; sample data for the demo book.",
        ["problems"] = new JsonArray("double entry between branches", "no view of daily numbers"),
        ["implementationPlan"] = "Week 1: accounts opened; month 1: training finished; month 2: handed to the CSM.",
    };

    private static void Renew(JsonObject document, DateOnly start)
    {
        var contract = (JsonObject)document["contract"]!;
        var previous = (JsonObject)contract.DeepClone();
        previous["start"] = Iso(start.AddMonths(-12));
        previous["end"] = Iso(start);
        document["contractHistory"] = new JsonArray(previous);
        document["reasons"] = new JsonObject { ["renewal"] = Reason("renewal", "value-proven", "reporting saved the finance team a day a month", start.AddDays(-20)) };
    }

    private static JsonObject Reason(string kind, string cause, string note, DateOnly at) => new()
    {
        ["kind"] = kind, ["cause"] = cause, ["note"] = note, ["at"] = $"{Iso(at)}T09:00:00+00:00",
    };

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd");

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
