namespace CsPlaybooks.Infrastructure.Crm;

/// <summary>
/// A CRM record mapped to CsPlaybooks' terms. <see cref="SkipReason"/> is set when the configured mapping cannot
/// give a required field (say, a company without a tier): the record is reported as skipped, not applied.
/// </summary>
public abstract record CrmItem(string Id, DateTimeOffset ModifiedAt)
{
    public string? SkipReason { get; init; }
}

/// <summary>A company → an account. <paramref name="CsmEmail"/>: the owner's e-mail, matched to a CSM.</summary>
public sealed record CrmCompany(string Id, DateTimeOffset ModifiedAt, string AccountId, string Name, string? Tier, string? Industry, string? TimeZone, string? CsmEmail)
    : CrmItem(Id, ModifiedAt);

/// <summary>A contact → one of its company's account's contacts. <paramref name="AccountId"/>: its company's account.</summary>
public sealed record CrmContact(string Id, DateTimeOffset ModifiedAt, string? AccountId, string Name, string? Email, string? Role)
    : CrmItem(Id, ModifiedAt);

/// <summary>A closed-won deal → its company's account's contract (a later one renews it).</summary>
public sealed record CrmDeal(string Id, DateTimeOffset ModifiedAt, string? AccountId, string Name, DateOnly Start, DateOnly End, decimal? Value, string? Currency)
    : CrmItem(Id, ModifiedAt);
