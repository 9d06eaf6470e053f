using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Success.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Surveys;

/// <summary>GET /api/reports/nps: NPS per month and tier from the stored answers, counted in the database.</summary>
public abstract class NpsReportTests
{
    protected abstract Db Db { get; }

    /// <summary>Answers as the landing page stores them, on two accounts (KA and micro) in February and March 2026.</summary>
    private static async Task<(TestHost Host, HttpClient Ops)> Seeded(Db db)
    {
        var host = new TestHost(TestDatabase.Create(db), TestHost.NewClock());
        var ops = host.Client();
        var (ka, micro) = (Samples.NewId("ka"), Samples.NewId("micro"));
        await Samples.CreateAccount(ops, Samples.Account(ka, tier: "KA"));
        await Samples.CreateAccount(ops, Samples.Account(micro, tier: "micro"));
        await using var context = host.Services.GetRequiredService<PlaybooksDb>().Create();
        (string Account, string Kind, int Score, DateTimeOffset At)[] answers =
        [
            (ka, SurveyKinds.Nps, 10, new(2026, 2, 3, 10, 0, 0, TimeSpan.Zero)),
            (ka, SurveyKinds.Nps, 9, new(2026, 2, 10, 10, 0, 0, TimeSpan.Zero)),
            (ka, SurveyKinds.Nps, 2, new(2026, 2, 28, 23, 59, 0, TimeSpan.Zero)),
            (ka, SurveyKinds.Nps, 8, new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)),
            (micro, SurveyKinds.Nps, 0, new(2026, 2, 14, 10, 0, 0, TimeSpan.Zero)),
            (micro, SurveyKinds.Nps, 9, new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)),
            (micro, SurveyKinds.Csat, 1, new(2026, 2, 14, 10, 0, 0, TimeSpan.Zero)),
            (ka, SurveyKinds.Nps, 0, new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero)),
        ];
        foreach (var (account, kind, score, at) in answers)
            context.SurveyResponses.Add(new SurveyResponseRecord
            {
                Id = Guid.NewGuid(), SurveyId = Guid.NewGuid().ToString("N")[..20], ContactKey = "c1", AccountId = account, EmailId = Guid.NewGuid(),
                InstanceId = Guid.NewGuid(), StepId = "ask", Kind = kind, Score = score, Category = SurveyKinds.CategoryOf(kind, score),
                AnsweredAt = at, AnsweredMonth = new DateOnly(at.Year, at.Month, 1), UpdatedAt = at, Revision = 1,
            });
        await context.SaveChangesAsync();
        return (host, ops);
    }

    private static JsonNode Month(JsonNode report, string month) => report["months"]!.AsArray().Single(m => (string)m!["month"]! == month)!;

    [Fact]
    public async Task Nps_PerMonthAndTier_PromotersMinusDetractors_OtherKindsAndOldAnswersLeftOut()
    {
        var (host, ops) = await Seeded(Db);
        await using var _ = host;
        var report = await ops.GetJson("/api/reports/nps");

        Assert.Equal(12, report["months"]!.AsArray().Count);
        Assert.Equal("2025-04", (string)report["months"]![0]!["month"]!);
        var february = Month(report, "2026-02");
        Assert.Equal(4, (int)february["all"]!["responses"]!);
        Assert.Equal(0, (int)february["all"]!["nps"]!);
        Assert.Equal(33, (int)february["byTier"]!["KA"]!["nps"]!);
        Assert.Equal((2, 0, 1), ((int)february["byTier"]!["KA"]!["promoters"]!, (int)february["byTier"]!["KA"]!["passives"]!, (int)february["byTier"]!["KA"]!["detractors"]!));
        Assert.Equal(-100, (int)february["byTier"]!["micro"]!["nps"]!);
        var march = Month(report, "2026-03");
        Assert.Equal(50, (int)march["all"]!["nps"]!);
        Assert.Equal(0, (int)march["byTier"]!["KA"]!["nps"]!);
        Assert.Equal(100, (int)march["byTier"]!["micro"]!["nps"]!);
        Assert.Null(Month(report, "2026-01")["all"]!["nps"]);
        Assert.Equal(6, (int)report["all"]!["responses"]!);
        Assert.Equal(17, (int)report["all"]!["nps"]!);
    }

    [Fact]
    public async Task Nps_AccountFilterMonthsAndCsv()
    {
        var (host, ops) = await Seeded(Db);
        await using var _ = host;
        var ka = await ops.GetJson("/api/reports/nps?tier=KA&months=2");
        Assert.Equal(["2026-02", "2026-03"], ka["months"]!.AsArray().Select(m => (string)m!["month"]!));
        Assert.Equal(33, (int)Month(ka, "2026-02")["all"]!["nps"]!);
        Assert.Null(Month(ka, "2026-02")["byTier"]!["micro"]);

        var csv = await (await ops.GetAsync("/api/reports/nps?months=2&format=csv")).Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("month,tier,responses,promoters,passives,detractors,nps", lines[0]);
        Assert.Contains("2026-02,KA,3,2,0,1,33", lines);
        Assert.Contains("2026-02,all,4,2,0,2,0", lines);
        Assert.Contains("2026-03,micro,1,1,0,0,100", lines);

        var problem = await (await ops.GetAsync("/api/reports/nps?months=0&tier=gold")).Expect(400);
        Assert.Contains("months", problem.ToJsonString());
        Assert.Contains("tier", problem.ToJsonString());
    }
}

public sealed class NpsReportTests_Sqlite : NpsReportTests { protected override Db Db => Db.Sqlite; }
public sealed class NpsReportTests_Postgres : NpsReportTests { protected override Db Db => Db.Postgres; }
