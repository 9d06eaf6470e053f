using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// API keys for systems (ops only): create (the key is in the answer once, only its hash is kept), list with last use,
/// revoke (refused from the next request on, on every node). Keys from configuration are listed read-only.
/// </summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("API keys").RequireAuthorization(Policies.ManageAccess);
        keys.MapGet("/", List).WithSummary("{ items: [{ id, name, role, csmId, prefix, status, createdAt, createdBy, expiresAt, revokedAt, lastUsedAt }], configured: [{ name, role, csmId }] }");
        keys.MapPost("/", Create).Accepts<KeyBody>("application/json").ProducesProblem(400).WithSummary("{ name, role, csmId (for csm), expiresAt? } → 201 with 'key', shown this once");
        keys.MapDelete("/{id:guid}", Revoke).ProducesProblem(404).WithSummary("Revoke: the key is refused from now on");
        return app;
    }

    public sealed record KeyView(Guid Id, string Name, string Role, string? CsmId, string Prefix, string Status, DateTimeOffset CreatedAt,
        string? CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

    public sealed record KeyBody(string Name, string Role, string? CsmId, DateTimeOffset? ExpiresAt);

    /// <summary>A key from configuration (Auth:ApiKeys): it cannot be revoked here.</summary>
    public sealed record ConfiguredKey(string? Name, string Role, string? CsmId);

    public sealed record KeyList(IEnumerable<KeyView> Items, IEnumerable<ConfiguredKey> Configured);

    public sealed record CreatedKey(KeyView Item, string Key);

    private static KeyView View(ApiKeyRecord k, DateTimeOffset now) => new(k.Id, k.Name, k.Role, k.CsmId, k.Prefix,
        k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active", k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.RevokedAt, k.LastUsedAt);

    private static async Task<Ok<KeyList>> List(PlaybooksDb db, ApiKeyRegistry configured, TimeProvider time, CancellationToken ct)
    {
        await using var context = db.Create();
        var now = time.GetUtcNow();
        var items = (await context.ApiKeys.AsNoTracking().ToListAsync(ct)).OrderByDescending(k => k.CreatedAt).Select(k => View(k, now));
        return TypedResults.Ok(new KeyList(items, configured.Configured.Select(e => new ConfiguredKey(e.Name, e.Role, e.CsmId))));
    }

    private static async Task<Results<Created<CreatedKey>, ProblemHttpResult>> Create(HttpContext http, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(http.Request, errors, ct);
        if (problem is not null) return problem;
        var name = body!.String("name", FieldLimits.PersonName, required: true);
        var role = body.String("role", FieldLimits.Role);
        var csmId = body.String("csmId", FieldLimits.Id);
        await UsersApi.CheckRoleAsync(body, role, csmId, db, ct, Roles.All);
        var now = time.GetUtcNow();
        var expires = body.Time("expiresAt");
        if (expires <= now) body.Error("expiresAt", "'expiresAt' must be in the future");
        if (errors.Count > 0) return Problems.Invalid("The key is invalid", errors);
        var key = ApiKeyHashing.NewKey();
        var record = new ApiKeyRecord
        {
            Id = Guid.NewGuid(), Name = name!, Role = role!, CsmId = role == Roles.Csm ? csmId : null, Prefix = ApiKeyHashing.DisplayPrefix(key),
            Hash = ApiKeyHashing.Hash(key), CreatedAt = now, CreatedBy = UsersApi.Who(http.User), ExpiresAt = expires,
        };
        await using var context = db.Create();
        context.ApiKeys.Add(record);
        await context.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/keys/{record.Id}", new CreatedKey(View(record, now), key));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        await using var context = db.Create();
        var key = await context.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return Problems.NotFound($"no API key {id}");
        key.RevokedAt ??= time.GetUtcNow();
        await context.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
