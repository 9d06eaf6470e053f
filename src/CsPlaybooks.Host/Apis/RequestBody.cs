using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Limits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// Reads request bodies ourselves so malformed input gets a problem response that says where it broke, and a body over
/// the endpoint's limit (docs/limits.md) a 413 however the server delivered it.
/// </summary>
public static class RequestBody
{
    public static async Task<(string? Text, ProblemHttpResult? Problem)> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        var (text, problem) = await ReadAllAsync(request, ct);
        return problem is not null ? (null, problem) : string.IsNullOrWhiteSpace(text) ? (null, Empty()) : (text, null);
    }

    public static async Task<(JsonObject? Json, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken ct, bool allowEmpty = false)
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
    public static async Task<(JsonFields? Body, ProblemHttpResult? Problem)> ReadFieldsAsync(HttpRequest request, List<DefinitionError> errors, CancellationToken ct, bool allowEmpty = false)
    {
        var (json, problem) = await ReadObjectAsync(request, ct, allowEmpty);
        return problem is not null ? (null, problem) : (new JsonFields(json!, errors), null);
    }

    /// <summary>
    /// A batch body <c>{ name: [ {…}, … ] }</c> of 1 to <paramref name="max"/> objects. A missing, empty or over-long list is
    /// answered with <paramref name="invalidTitle"/> at once; the items' own fields are for the caller to read, their
    /// problems collecting in the returned errors.
    /// </summary>
    public static async Task<(IReadOnlyList<JsonFields>? Items, List<DefinitionError> Errors, ProblemHttpResult? Problem)> ReadBatchAsync(
        HttpRequest request, string name, string itemShape, int max, string invalidTitle, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await ReadFieldsAsync(request, errors, ct);
        if (problem is not null) return (null, errors, problem);
        var items = body!.Objects(name);
        if (items is null && errors.Count == 0) body.Error(name, $"'{name}' is required: a list of {itemShape}");
        if (items is { Count: 0 }) body.Error(name, $"'{name}' must not be empty");
        if (items is { } && items.Count > max) body.Error(name, $"at most {max:N0} {name} per request; send the rest in another request");
        return items is null || items.Count == 0 || items.Count > max ? (null, errors, Problems.Invalid(invalidTitle, errors)) : (items, errors, null);
    }

    private static async Task<(string Text, ProblemHttpResult? Problem)> ReadAllAsync(HttpRequest request, CancellationToken ct)
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

    private static ProblemHttpResult Empty() => Problems.BadRequest("The request body is empty", "send a JSON object");
}
