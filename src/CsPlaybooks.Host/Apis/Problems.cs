using System.Globalization;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Host.Limits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>Problem-details responses in one place, so every error names the field or step and says what to do.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string title, string detail) => TypedResults.Problem(statusCode: 400, title: title, detail: detail);

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(statusCode: 404, title: "Not found", detail: detail);

    public const string TooLargeTitle = "The request body is too large";

    public static ProblemHttpResult TooLarge(BodyLimit limit) => TypedResults.Problem(statusCode: 413, title: TooLargeTitle, detail: TooLargeDetail(limit),
        extensions: new Dictionary<string, object?> { ["limitBytes"] = limit.Bytes, ["setting"] = BodySizeOptions.SettingOf(limit.Size) });

    public static string TooLargeDetail(BodyLimit limit) => string.Create(CultureInfo.InvariantCulture,
        $"this endpoint accepts at most {Readable(limit.Bytes)} ({limit.Bytes:N0} bytes, setting {BodySizeOptions.SettingOf(limit.Size)}); send less per request (split a bulk import into several) or raise the setting");

    private static string Readable(long bytes) =>
        bytes % (1L << 20) == 0 ? $"{bytes >> 20} MiB" : bytes % 1024 == 0 ? $"{bytes >> 10} KiB" : "that many bytes";

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: detail);

    /// <summary>400 with <c>errors</c> keyed by "step id.field" (for generic clients) and <c>problems</c> as a list (for the designer).</summary>
    public static ProblemHttpResult Invalid(string title, IReadOnlyList<DefinitionError> errors) =>
        TypedResults.Problem(statusCode: 400, title: title, detail: string.Join("; ", errors.Take(5)) + (errors.Count > 5 ? $"; and {errors.Count - 5} more" : ""),
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                ["problems"] = errors.Select(e => new { e.StepId, e.Field, e.Message }).ToArray(),
            });

    public static ProblemHttpResult Invalid(string title, IEnumerable<(string Field, string Message)> errors) =>
        Invalid(title, errors.Select(e => new DefinitionError(null, e.Field, e.Message)).ToList());

    private static string Key(DefinitionError e) => e.StepId is null ? e.Field ?? "" : e.Field is null ? e.StepId : $"{e.StepId}.{e.Field}";
}
