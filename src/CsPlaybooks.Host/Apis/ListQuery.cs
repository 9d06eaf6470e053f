using System.Globalization;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Success.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CsPlaybooks.Host.Apis;

/// <summary>One page of a list and the true total of everything the filters keep.</summary>
public sealed record Page<T>(int Total, IReadOnlyList<T> Items);

/// <summary>
/// Reads list query parameters (paging, sort, filters). Every bad one is collected under its parameter name, so a list
/// answers one 400 naming each (<see cref="Problem"/>) and runs no query.
/// </summary>
public sealed class ListQuery
{
    private readonly List<(string Field, string Message)> _errors = [];

    public ProblemHttpResult? Problem => _errors.Count == 0 ? null : Problems.Invalid("The list parameters are invalid", _errors);

    public void Error(string name, string message) => _errors.Add((name, message));

    public string? OneOf(string name, string? value, IReadOnlyCollection<string> allowed)
    {
        if (value is null || allowed.Contains(value)) return value;
        Error(name, $"'{name}' must be one of {string.Join(", ", allowed)}, not \"{value}\"");
        return null;
    }

    public DateOnly? Date(string name, string? value)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Error(name, $"'{name}' must be a date yyyy-MM-dd, not \"{value}\"");
        return null;
    }

    public string? Text(string name, string? value, int max = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Length <= max) return value.Trim();
        Error(name, $"'{name}' is {value.Length} characters long; at most {max} are allowed");
        return null;
    }

    /// <summary>skip ≥ 0 and 1 ≤ take ≤ <paramref name="max"/>; defaults 0 and <paramref name="fallback"/>.</summary>
    public (int Skip, int Take) Paging(int? skip, int? take, int fallback = 50, int max = 500)
    {
        if (skip < 0) Error("skip", "'skip' must be 0 or more");
        if (take is < 1 || take > max) Error("take", $"'take' must be between 1 and {max}");
        return (Math.Max(0, skip ?? 0), Math.Clamp(take ?? fallback, 1, max));
    }

    /// <summary>A sort key from <paramref name="keys"/>, optionally prefixed with '-' for descending.</summary>
    public (string Key, bool Descending) Sort(string? sort, string fallback, IReadOnlyCollection<string> keys)
    {
        if (string.IsNullOrEmpty(sort)) sort = fallback;
        var descending = sort.StartsWith('-');
        var key = descending ? sort[1..] : sort;
        if (keys.Contains(key)) return (key, descending);
        Error("sort", $"'sort' must be one of {string.Join(", ", keys)} (prefix '-' for descending), not \"{sort}\"");
        var def = fallback.TrimStart('-');
        return (def, fallback.StartsWith('-'));
    }
}

/// <summary>The account filters every list and report takes (query parameters); see docs/api.md.</summary>
public sealed class AccountFilterParameters
{
    /// <summary>KA, ordinary or micro.</summary>
    [FromQuery(Name = "tier")] public string? Tier { get; set; }
    /// <summary>A lifecycle stage (signing … churned).</summary>
    [FromQuery(Name = "stage")] public string? Stage { get; set; }
    [FromQuery(Name = "industry")] public string? Industry { get; set; }
    /// <summary>The account's CSM.</summary>
    [FromQuery(Name = "csmId")] public string? CsmId { get; set; }
    /// <summary>red, yellow, green or unscored.</summary>
    [FromQuery(Name = "healthBand")] public string? HealthBand { get; set; }
    /// <summary>An entry of the account's tags.</summary>
    [FromQuery(Name = "tag")] public string? Tag { get; set; }

    public AccountFilter Read(ListQuery query) => new(
        Tier: query.OneOf("tier", Tier, Lifecycle.Tiers),
        Stage: query.OneOf("stage", Stage, Lifecycle.Stages),
        Industry: query.Text("industry", Industry, AccountColumns.Industry),
        CsmId: query.Text("csmId", CsmId),
        HealthBand: query.OneOf("healthBand", HealthBand, AccountFilter.HealthBands),
        Tag: query.Text("tag", Tag, AccountColumns.Short));
}
