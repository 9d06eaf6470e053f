using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Limits;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// Reads request bodies ourselves so malformed input gets a problem response that says where it broke, and a body over
/// the endpoint's limit (docs/limits.md) a 413 however the server delivered it.
/// </summary>
public static class RequestBody
{
    public static async Task<(string? Text, IResult? Problem)> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        var (text, problem) = await ReadAllAsync(request, ct);
        return problem is not null ? (null, problem) : string.IsNullOrWhiteSpace(text) ? (null, Empty()) : (text, null);
    }

    public static async Task<(JsonObject? Json, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken ct, bool allowEmpty = false)
    {
        var (text, problem) = await ReadAllAsync(request, ct);
        if (problem is not null) return (null, problem);
        if (string.IsNullOrWhiteSpace(text)) return allowEmpty ? ([], null) : (null, Empty());
        try
        {
            return JsonNode.Parse(text) is JsonObject o
                ? (o, null)
                : (null, Problems.BadRequest("The request body must be a JSON object", "send { … }"));
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest("Malformed JSON", $"line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {e.Message.Split(" Path:")[0]}"));
        }
    }

    /// <summary>A JSON object body read field by field (<see cref="JsonFields"/>); problems collect in <paramref name="errors"/>.</summary>
    public static async Task<(JsonFields? Body, IResult? Problem)> ReadFieldsAsync(HttpRequest request, List<DefinitionError> errors, CancellationToken ct, bool allowEmpty = false)
    {
        var (json, problem) = await ReadObjectAsync(request, ct, allowEmpty);
        return problem is not null ? (null, problem) : (new JsonFields(json!, errors), null);
    }

    private static async Task<(string Text, IResult? Problem)> ReadAllAsync(HttpRequest request, CancellationToken ct)
    {
        var limit = request.HttpContext.Features.Get<BodyLimit>();
        string text;
        try
        {
            using var reader = new StreamReader(request.Body);
            text = await reader.ReadToEndAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && limit is not null)
        {
            return ("", Problems.TooLarge(limit));
        }
        catch (BadHttpRequestException e)
        {
            return ("", Problems.BadRequest("The request body could not be read", e.Message));
        }
        return limit is not null && limit.IsExceededBy(text) ? ("", Problems.TooLarge(limit)) : (text, null);
    }

    private static IResult Empty() => Problems.BadRequest("The request body is empty", "send a JSON object");
}
