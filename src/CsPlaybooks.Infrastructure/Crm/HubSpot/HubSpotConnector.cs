using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Crm.HubSpot;

/// <summary>
/// HubSpot CRM v3: <c>POST /crm/v3/objects/{companies|contacts|deals}/search</c> filtered on the last-modified property
/// (GTE the cursor; deals also <c>hs_is_closed_won = true</c>) and sorted on it ascending, paged with <c>after</c>;
/// each page's company associations from <c>POST /crm/v4/associations/{type}/companies/batch/read</c> (the "Primary"
/// one when there are several); owners' e-mails from <c>GET /crm/v3/owners</c>. A search stops at 10,000 results, so
/// before that the page asks the sync to query again from its cursor.
/// </summary>
public sealed class HubSpotConnector(HubSpotClient client, IOptions<HubSpotOptions> options, TimeProvider time) : ICrmConnector
{
    public const int SearchResultCap = 10_000;
    private static readonly TimeSpan OwnersKeptFor = TimeSpan.FromMinutes(10);
    private (DateTimeOffset LoadedAt, IReadOnlyDictionary<string, string> Emails)? _owners;

    public string Name => "hubspot";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.AccessToken);

    public async Task<CrmPage> PullAsync(CrmObjectType type, DateTimeOffset? since, string? after, CancellationToken ct)
    {
        var records = new HubSpotRecords(options.Value);
        var objectName = type.ToString().ToLowerInvariant();
        var modified = HubSpotRecords.ModifiedProperty(type);
        var pageSize = Math.Clamp(options.Value.PageSize, 1, 100);
        var filters = new JsonArray();
        if (since is { } from) filters.Add(Filter(modified, "GTE", from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        if (type == CrmObjectType.Deals) filters.Add(Filter("hs_is_closed_won", "EQ", "true"));
        var search = new JsonObject
        {
            ["filterGroups"] = filters.Count == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["filters"] = filters }),
            ["sorts"] = new JsonArray(new JsonObject { ["propertyName"] = modified, ["direction"] = "ASCENDING" }),
            ["properties"] = new JsonArray(records.Properties(type).Select(p => (JsonNode)p).ToArray()),
            ["limit"] = pageSize,
        };
        if (after is not null) search["after"] = after;
        var answer = await client.SendAsync(HttpMethod.Post, $"crm/v3/objects/{objectName}/search", search, ct);
        var results = (answer["results"] as JsonArray ?? []).OfType<JsonObject>().ToList();

        IReadOnlyList<CrmItem> items;
        if (type == CrmObjectType.Companies)
        {
            var owners = await OwnerEmailsAsync(results, ct);
            items = results.Select(r => records.Company(r, owners)).ToList();
        }
        else
        {
            var companies = await CompaniesAsync(objectName, results.Select(r => (string)r["id"]!).ToList(), ct);
            items = results.Select(r => type == CrmObjectType.Contacts
                ? (CrmItem)records.Contact(r, companies.GetValueOrDefault((string)r["id"]!))
                : records.Deal(r, companies.GetValueOrDefault((string)r["id"]!))).ToList();
        }
        var next = (string?)answer["paging"]?["next"]?["after"];
        if (next is not null && int.TryParse(next, CultureInfo.InvariantCulture, out var offset) && offset + pageSize > SearchResultCap)
            return new CrmPage(items, null, RestartFromCursor: true);
        return new CrmPage(items, next);
    }

    private static JsonObject Filter(string property, string op, string value) =>
        new() { ["propertyName"] = property, ["operator"] = op, ["value"] = value };

    /// <summary>Record id → its company's id (the association labelled "Primary" when there are several).</summary>
    private async Task<Dictionary<string, string>> CompaniesAsync(string objectName, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var companies = new Dictionary<string, string>();
        if (ids.Count == 0) return companies;
        var body = new JsonObject { ["inputs"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["id"] = id }).ToArray()) };
        var answer = await client.SendAsync(HttpMethod.Post, $"crm/v4/associations/{objectName}/companies/batch/read", body, ct);
        foreach (var result in (answer["results"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var targets = (result["to"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var chosen = targets.FirstOrDefault(t => (t["associationTypes"] as JsonArray ?? []).Any(a => (string?)a?["label"] == "Primary")) ?? targets.FirstOrDefault();
            if ((string?)result["from"]?["id"] is { } from && chosen?["toObjectId"] is { } to) companies[from] = to.ToString();
        }
        return companies;
    }

    /// <summary>Owner id → e-mail, loaded once and again when an owner is unknown or the list is ten minutes old.</summary>
    private async Task<IReadOnlyDictionary<string, string>> OwnerEmailsAsync(IReadOnlyList<JsonObject> companies, CancellationToken ct)
    {
        if (options.Value.Mapping.CsmOwnerProperty is not { Length: > 0 } property) return new Dictionary<string, string>();
        var wanted = companies.Select(c => (string?)c["properties"]?[property]).OfType<string>().Where(id => id.Length > 0).ToList();
        if (wanted.Count == 0) return new Dictionary<string, string>();
        var now = time.GetUtcNow();
        if (_owners is { } cached && now - cached.LoadedAt < OwnersKeptFor && wanted.All(cached.Emails.ContainsKey)) return cached.Emails;
        var emails = new Dictionary<string, string>();
        string? after = null;
        do
        {
            var answer = await client.SendAsync(HttpMethod.Get, "crm/v3/owners?limit=100" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), null, ct);
            foreach (var owner in (answer["results"] as JsonArray ?? []).OfType<JsonObject>())
                if ((string?)owner["id"] is { } id && (string?)owner["email"] is { Length: > 0 } email) emails[id] = email;
            after = (string?)answer["paging"]?["next"]?["after"];
        } while (after is not null);
        _owners = (now, emails);
        return emails;
    }
}
