using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>The stored survey answers with their comments, newest first (see docs/surveys.md).</summary>
public static class SurveyResponsesApi
{
    public sealed record SurveyResponseView(string SurveyId, string AccountId, string ContactKey, string Kind, int Score, string Category,
        string? Comment, DateTimeOffset AnsweredAt, DateTimeOffset UpdatedAt, Guid InstanceId, string StepId);

    public static IEndpointRouteBuilder MapSurveyResponsesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/surveys").WithTags("Surveys").RequireAuthorization(Policies.Read)
            .MapGet("/responses", List).ProducesProblem(400).WithSummary("Survey answers, newest first: accountId, surveyId, kind (nps, csat), category, skip, take ≤ 500 → { total, items }");
        return app;
    }

    private static async Task<Results<Ok<Page<SurveyResponseView>>, ProblemHttpResult>> List(string? accountId, string? surveyId, string? kind, string? category,
        int? skip, int? take, PlaybooksDb db, CancellationToken ct)
    {
        var check = new ListQuery();
        accountId = check.Text("accountId", accountId);
        surveyId = check.Text("surveyId", surveyId, 40);
        check.OneOf("kind", kind, Success.Surveys.SurveyKinds.All);
        category = check.Text("category", category, 20);
        var (from, count) = check.Paging(skip, take);
        if (check.Problem is { } problem) return problem;
        await using var context = db.Create();
        var query = context.SurveyResponses.AsNoTracking();
        if (accountId is not null) query = query.Where(r => r.AccountId == accountId);
        if (surveyId is not null) query = query.Where(r => r.SurveyId == surveyId);
        if (kind is not null) query = query.Where(r => r.Kind == kind);
        if (category is not null) query = query.Where(r => r.Category == category);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.Id).Skip(from).Take(count)
            .Select(r => new SurveyResponseView(r.SurveyId, r.AccountId, r.ContactKey, r.Kind, r.Score, r.Category, r.Comment, r.AnsweredAt, r.UpdatedAt, r.InstanceId, r.StepId))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<SurveyResponseView>(total, items));
    }
}
