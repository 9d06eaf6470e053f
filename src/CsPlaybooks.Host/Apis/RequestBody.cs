using System.Text.Json;
using System.Text.Json.Nodes;

namespace CsPlaybooks.Host.Apis;

/// <summary>Reads JSON bodies ourselves so malformed input gets a problem response that says where it broke.</summary>
public static class RequestBody
{
    public static async Task<(string? Text, IResult? Problem)> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        return string.IsNullOrWhiteSpace(text)
            ? (null, Problems.BadRequest("The request body is empty", "send a JSON object"))
            : (text, null);
    }

    public static async Task<(JsonObject? Json, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken ct, bool allowEmpty = false)
    {
        var (text, problem) = await ReadTextAsync(request, ct);
        if (problem is not null) return allowEmpty ? ([], null) : (null, problem);
        try
        {
            return JsonNode.Parse(text!) is JsonObject o
                ? (o, null)
                : (null, Problems.BadRequest("The request body must be a JSON object", "send { … }"));
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest("Malformed JSON", $"line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {e.Message.Split(" Path:")[0]}"));
        }
    }

    public static string? String(this JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static DateTimeOffset? Time(this JsonObject o, string name, List<(string Field, string Message)> errors)
    {
        if (o[name] is null) return null;
        if (o.String(name) is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var t)) return t.ToUniversalTime();
        errors.Add((name, $"'{name}' must be an ISO-8601 date or date-time, e.g. \"2026-01-31\" or \"2026-01-31T09:00:00Z\""));
        return null;
    }
}
