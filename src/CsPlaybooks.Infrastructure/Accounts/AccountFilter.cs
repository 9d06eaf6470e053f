using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>
/// Narrows accounts by their indexed columns (<see cref="AccountColumns"/>): the one filter behind the account list,
/// the task, email and instance lists' account filters, and every report. Null fields do not narrow.
/// </summary>
public sealed record AccountFilter(
    string? Tier = null, string? Stage = null, string? Industry = null, string? CsmId = null, string? HealthBand = null, string? Tag = null,
    string? Search = null, string? PlaybookId = null, DateOnly? ContractEndFrom = null, DateOnly? ContractEndTo = null)
{
    /// <summary>The band filter value for accounts without a health score yet.</summary>
    public const string Unscored = "unscored";

    public static readonly string[] HealthBands = ["red", "yellow", "green", Unscored];

    public bool IsEmpty => this == new AccountFilter();

    public IQueryable<AccountRecord> Apply(IQueryable<AccountRecord> accounts, PlaybooksDbContext context)
    {
        if (Tier is not null) accounts = accounts.Where(a => a.Tier == Tier);
        if (Stage is not null) accounts = accounts.Where(a => a.Stage == Stage);
        if (Industry is not null) accounts = accounts.Where(a => a.Industry == Industry);
        if (CsmId is not null) accounts = accounts.Where(a => a.CsmId == CsmId);
        if (HealthBand == Unscored) accounts = accounts.Where(a => a.HealthBand == null);
        else if (HealthBand is not null) accounts = accounts.Where(a => a.HealthBand == HealthBand);
        if (Tag is not null)
        {
            var pattern = AccountColumns.TagPattern(Tag);
            accounts = accounts.Where(a => a.Tags != null && EF.Functions.Like(a.Tags, pattern));
        }
        if (Search is not null)
        {
            var lower = Search.ToLowerInvariant();
            accounts = accounts.Where(a => a.Id.ToLower().Contains(lower) || a.Name.ToLower().Contains(lower));
        }
        if (PlaybookId is not null)
            accounts = accounts.Where(a => context.Instances.Any(i => i.AccountId == a.Id && i.PlaybookId == PlaybookId && i.Status == "running"));
        if (ContractEndFrom is not null) accounts = accounts.Where(a => a.ContractEnd >= ContractEndFrom);
        if (ContractEndTo is not null) accounts = accounts.Where(a => a.ContractEnd < ContractEndTo);
        return accounts;
    }

    /// <summary>The ids of the accounts this filter keeps, as a subquery for lists of things that belong to accounts.</summary>
    public IQueryable<string> Ids(PlaybooksDbContext context) => Apply(context.Accounts, context).Select(a => a.Id);
}
