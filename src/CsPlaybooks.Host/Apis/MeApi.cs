using System.Security.Claims;
using System.Text.Json.Serialization;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// "Who am I": the caller's name and role — a signed-in person or an API key, alike —, the CSM it acts as, and what it
/// may do, so a client (the designer's task inbox) can say whose inbox it shows and offer only what is allowed. Never
/// returns the key itself. 401 when nobody is signed in and no key is sent.
/// </summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", Get).WithTags("Me").RequireAuthorization(Policies.Read)
            .WithSummary("The caller: { kind: user|key, name, role, csmId, csm: { id, name, email } | null, can: { design, ingest, readTasks, completeTasks, reassignTasks, manageAccess } }");
        return app;
    }

    /// <summary>The caller. <paramref name="CsmId"/> and <paramref name="Csm"/> are always written (null when the key has no CSM,
    /// or the CSM is not in /api/csms yet), so clients need not tell "absent" from "none".</summary>
    public sealed record Me(
        string Kind,
        string Name,
        string Role,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CsmId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] MeCsm? Csm,
        MeAbilities Can);

    public sealed record MeCsm(string Id, string Name, string? Email);

    /// <summary>What the key may do, from the same policies the endpoints enforce. A csm key without a CsmId has no
    /// tasks of its own, so it may neither read nor complete tasks.</summary>
    public sealed record MeAbilities(bool Design, bool Ingest, bool ReadTasks, bool CompleteTasks, bool ReassignTasks, bool ManageAccess);

    private static async Task<Ok<Me>> Get(HttpContext http, IAuthorizationService authorization, PlaybooksDb db, CancellationToken ct)
    {
        var user = http.User;
        async Task<bool> May(string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;
        var csmId = TasksApi.OwnCsmId(user, out var noCsmId);
        if (noCsmId) csmId = null;
        MeCsm? csm = null;
        if (csmId is not null)
        {
            await using var context = db.Create();
            csm = await context.Csms.AsNoTracking().Where(c => c.Id == csmId).Select(c => new MeCsm(c.Id, c.Name, c.Email)).FirstOrDefaultAsync(ct);
        }
        var can = new MeAbilities(
            Design: await May(Policies.Design),
            Ingest: await May(Policies.Ingest),
            ReadTasks: !noCsmId && await May(Policies.ReadTasks),
            CompleteTasks: !noCsmId && await May(Policies.CompleteTasks),
            ReassignTasks: await May(Policies.ReassignTasks),
            ManageAccess: await May(Policies.ManageAccess));
        return TypedResults.Ok(new Me(CallerClaims.IsUser(user) ? "user" : "key", user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "", csmId, csm, can));
    }
}
