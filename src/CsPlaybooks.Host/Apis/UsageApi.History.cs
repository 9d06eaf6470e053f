using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Health;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>An account's health and usage over time, for the account page's charts.</summary>
public static partial class UsageApi
{
    private const int MaxHealthPeriods = 260;
    private const int DefaultUsageDays = 90;
    private const int MaxUsageDays = 731;

    private static void MapHistory(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/accounts/{id}/health", GetHealth).WithTags("Usage and health").RequireAuthorization(Policies.Read).ProducesProblem(400).ProducesProblem(404)
            .WithSummary("The health score explained: each indicator, its weight, value and score; bands; trend; history per period, newest first, each with its score, band and five indicators (?periods ≤ 260, default 52)");
        app.MapGet("/api/accounts/{id}/usage", GetUsage).WithTags("Usage and health").RequireAuthorization(Policies.Read).ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Daily usage facts, oldest first, from..to inclusive (yyyy-MM-dd; default the 90 days up to the latest fact; at most 731 days)");
    }

    /// <summary>Bands as thresholds (for charts) and as text.</summary>
    public sealed record HealthBands(int YellowFrom, int GreenFrom, string Red, string Yellow, string Green);

    /// <summary>One health record: a period of the grain, its score, band and each indicator.</summary>
    public sealed record HealthPeriod(DateOnly PeriodStart, DateOnly PeriodEnd, int Score, string Band, IReadOnlyList<IndicatorScore> Indicators);

    /// <param name="Current">The account's health as stored on it (the latest period scored).</param>
    /// <param name="Trend">up / down / flat between the latest two periods; unknown with fewer.</param>
    public sealed record HealthView(string AccountId, JsonObject? Current, string Grain, string Trend, HealthBands Bands,
        IReadOnlyDictionary<string, int> Weights, IReadOnlyList<HealthPeriod> History);

    public sealed record UsageDay(DateOnly Date, int ActiveUsers, double MaterialInput, double ContentOutput, IReadOnlyList<string> FeaturesUsed, long ApiCalls);

    /// <param name="From">First day of the window (null when the account has no usage yet).</param>
    public sealed record UsageSeries(string AccountId, DateOnly? From, DateOnly? To, IReadOnlyList<UsageDay> Days);

    private static async Task<Results<Ok<HealthView>, ProblemHttpResult>> GetHealth(string id, int? periods, PlaybooksDb db, HealthCalculator calculator, CancellationToken ct)
    {
        if (periods is < 1 or > MaxHealthPeriods) return Problems.Invalid("The health query is invalid", [("periods", $"'periods' must be between 1 and {MaxHealthPeriods}")]);
        await using var context = db.Create();
        var json = await context.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => a.Json).FirstOrDefaultAsync(ct);
        if (json is null) return Problems.NotFound($"no account '{id}'");
        var rows = await context.HealthHistory.AsNoTracking().Where(h => h.AccountId == id).OrderByDescending(h => h.PeriodStart).Take(periods ?? 52).ToListAsync(ct);
        var history = rows.Select(h => new HealthPeriod(h.PeriodStart, h.PeriodEnd, h.Score, h.Band,
            JsonSerializer.Deserialize<List<IndicatorScore>>(h.IndicatorsJson, JsonSerializerOptions.Web) ?? [])).ToList();
        var options = calculator.Options;
        var bands = new HealthBands(options.YellowFrom, options.GreenFrom, $"< {options.YellowFrom}", $"{options.YellowFrom}–{options.GreenFrom - 1}", $">= {options.GreenFrom}");
        return TypedResults.Ok(new HealthView(id, JsonNode.Parse(json)!["health"] as JsonObject, options.Grain, HealthTrend.Of(history.Select(h => h.Score).ToList()),
            bands, options.Weights, history));
    }

    private static async Task<Results<Ok<UsageSeries>, ProblemHttpResult>> GetUsage(string id, string? from, string? to, PlaybooksDb db, CancellationToken ct)
    {
        var query = new ListQuery();
        var (first, last) = (query.Date("from", from), query.Date("to", to));
        if (first is not null && last is not null && first > last) query.Error("from", "'from' must not be after 'to'");
        if (first is not null && last is not null && last.Value.DayNumber - first.Value.DayNumber >= MaxUsageDays)
            query.Error("from", $"at most {MaxUsageDays} days at a time");
        if (query.Problem is { } problem) return problem;
        await using var context = db.Create();
        if (!await context.Accounts.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound($"no account '{id}'");
        last ??= first?.AddDays(DefaultUsageDays - 1) ?? await context.UsageFacts.Where(u => u.AccountId == id).MaxAsync(u => (DateOnly?)u.Date, ct);
        if (last is null) return TypedResults.Ok(new UsageSeries(id, null, null, []));
        first ??= last.Value.AddDays(1 - DefaultUsageDays);
        var rows = await context.UsageFacts.AsNoTracking().Where(u => u.AccountId == id && u.Date >= first && u.Date <= last).OrderBy(u => u.Date).ToListAsync(ct);
        return TypedResults.Ok(new UsageSeries(id, first, last, rows.Select(u => new UsageDay(u.Date, u.ActiveUsers, u.MaterialInput, u.ContentOutput,
            JsonSerializer.Deserialize<List<string>>(u.FeaturesUsed) ?? [], u.ApiCalls)).ToList()));
    }
}
