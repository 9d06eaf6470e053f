using System.Security.Claims;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Success.Accounts;

namespace CsPlaybooks.Host.Apis;

/// <summary>Accounts as integrations push them (the customer-success fields grow with the domain issue).</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).WithSummary("Accounts, ordered by id (skip/take)");
        read.MapGet("/{id}", Get);
        var write = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Ingest);
        write.MapPut("/{id}", Put).WithSummary("Create or replace an account: { name, tier, timeZone, contract: { start, end }, contacts, … }");
        write.MapDelete("/{id}", Delete);
        return app;
    }

    private static async Task<IResult> List(int? skip, int? take, AccountStore accounts, CancellationToken ct) =>
        Results.Ok((await accounts.ListAsync(Math.Max(0, skip ?? 0), Math.Clamp(take ?? 100, 1, 1000), ct)).Select(a => a.Json));

    private static async Task<IResult> Get(string id, AccountStore accounts, CancellationToken ct) =>
        await accounts.FindAsync(id, ct) is { } a ? Results.Ok(a.Json) : Problems.NotFound($"no account '{id}'");

    private static async Task<IResult> Put(string id, HttpRequest request, ClaimsPrincipal user, AccountStore accounts, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(request, ct);
        if (problem is not null) return problem;
        var (account, errors) = AccountDocument.Read(id, body!);
        if (account is null) return Problems.Invalid("The account is invalid", errors);
        var created = await accounts.UpsertAsync(account, $"api: {user.Identity?.Name}", ct);
        return created ? Results.Created($"/api/accounts/{id}", account.Json) : Results.Ok(account.Json);
    }

    private static async Task<IResult> Delete(string id, AccountStore accounts, CancellationToken ct) =>
        await accounts.DeleteAsync(id, ct) ? Results.NoContent() : Problems.NotFound($"no account '{id}'");
}
