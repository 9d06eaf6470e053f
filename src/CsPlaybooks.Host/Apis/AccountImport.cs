using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Success.Accounts;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// Bulk import of accounts (JSON array or CSV): each row is checked like a PUT; good rows are stored, bad rows change
/// nothing and are reported by field. History rows name the source <c>import: KEY NAME</c>.
/// </summary>
public static class AccountImport
{
    public sealed record RowReport(int Row, string? Id, string Status, IReadOnlyDictionary<string, string>? Errors);

    public sealed record ImportReport(int Imported, int Rejected, IReadOnlyList<RowReport> Rows);

    /// <summary>Columns whose CSV cell is read as JSON (a number, true/false, or a list/object) rather than as text.</summary>
    private static readonly HashSet<string> TypedColumns = ["isNew", "contract.value", "contacts", "successCriteria", "tags", "seats"];

    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(HttpRequest request, ClaimsPrincipal user, AccountWriter accounts, CancellationToken ct)
    {
        var (text, problem) = await RequestBody.ReadTextAsync(request, ct);
        if (problem is not null) return problem;
        var isCsv = request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
        List<(JsonObject? Row, Dictionary<string, string> Errors)> rows;
        if (isCsv)
        {
            var (parsed, csvError) = ReadCsv(text!);
            if (csvError is not null) return Problems.BadRequest("Malformed CSV", csvError);
            rows = parsed!;
        }
        else
        {
            JsonNode? node;
            try { node = JsonNode.Parse(text!); }
            catch (JsonException e) { return Problems.BadRequest("Malformed JSON", e.Message.Split(" Path:")[0]); }
            if (node is not JsonArray array) return Problems.BadRequest("The request body must be a JSON array", "send [ { \"id\": …, \"name\": … }, … ] or text/csv");
            rows = array.Select(n => n is JsonObject o ? (o, new Dictionary<string, string>()) : ((JsonObject?)null, new Dictionary<string, string> { [""] = "each row must be a JSON object" })).ToList();
        }

        var reports = new List<RowReport>();
        var seen = new HashSet<string>();
        var source = $"import: {user.Identity?.Name}";
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, errors) = rows[i];
            string? id = null;
            if (row is not null)
            {
                var idErrors = new List<DefinitionError>();
                id = new JsonFields(row, idErrors).String("id", FieldLimits.Id, required: true);
                foreach (var e in idErrors) errors.TryAdd(e.Field!, e.Message);
            }
            if (id is not null && !seen.Add(id)) errors.TryAdd("id", $"the id \"{id}\" appears more than once in this import");
            AccountDocument? account = null;
            if (row is not null && errors.Count == 0)
            {
                var (document, problems) = AccountDocument.Read(id!, row);
                foreach (var p in problems) errors.TryAdd(p.Field ?? "", p.Message);
                account = document;
            }
            if (account is null || errors.Count > 0)
            {
                reports.Add(new RowReport(i + 1, id, "rejected", errors));
                continue;
            }
            var created = await accounts.ReplaceAsync(account.Id, account.Json, source, ct);
            reports.Add(new RowReport(i + 1, id, created ? "created" : "updated", null));
        }
        var imported = reports.Count(r => r.Status != "rejected");
        return TypedResults.Ok(new ImportReport(imported, reports.Count - imported, reports));
    }

    /// <summary>Header row, then one account per line; dotted headers nest (<c>contract.end</c>); empty cells are left out.</summary>
    private static (List<(JsonObject?, Dictionary<string, string>)>? Rows, string? Error) ReadCsv(string text)
    {
        var (records, error) = SplitCsv(text);
        if (error is not null) return (null, error);
        if (records.Count == 0) return (null, "the CSV has no header row");
        var header = records[0].Select(h => h.Trim()).ToArray();
        if (!header.Contains("id")) return (null, "the header row must name an 'id' column");
        var rows = new List<(JsonObject?, Dictionary<string, string>)>();
        foreach (var record in records.Skip(1))
        {
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            var row = new JsonObject();
            var errors = new Dictionary<string, string>();
            if (record.Count != header.Length) errors[""] = $"the line has {record.Count} cells; the header has {header.Length}";
            for (var c = 0; c < Math.Min(record.Count, header.Length); c++)
            {
                var cell = record[c].Trim();
                if (cell.Length == 0) continue;
                var column = header[c];
                JsonNode? value = cell;
                if (TypedColumns.Contains(column))
                {
                    try { value = JsonNode.Parse(cell); }
                    catch (JsonException) { errors[column] = $"'{column}' must be JSON (a number, true/false or a list), not \"{cell}\""; continue; }
                }
                var parts = column.Split('.');
                var parent = row;
                foreach (var part in parts[..^1])
                {
                    if (parent[part] is not JsonObject child) parent[part] = child = new JsonObject();
                    parent = child;
                }
                parent[parts[^1]] = value;
            }
            rows.Add((row, errors));
        }
        return (rows, null);
    }

    /// <summary>RFC 4180: comma-separated, double-quoted cells may hold commas, quotes ("") and line breaks.</summary>
    private static (List<List<string>> Records, string? Error) SplitCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else { if (ch == '\n') line++; cell.Append(ch); }
                continue;
            }
            switch (ch)
            {
                case '"' when cell.Length == 0: quoted = true; break;
                case ',': record.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n':
                    record.Add(cell.ToString()); cell.Clear();
                    records.Add(record); record = [];
                    line++;
                    break;
                default: cell.Append(ch); break;
            }
        }
        if (quoted) return (records, string.Create(CultureInfo.InvariantCulture, $"a quoted cell opened before line {line} is never closed"));
        if (cell.Length > 0 || record.Count > 0) { record.Add(cell.ToString()); records.Add(record); }
        return (records, null);
    }
}
