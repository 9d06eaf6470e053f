using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Demo;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>The demo book (docs/demo.md): whether it is loaded, load it, remove it in one action.</summary>
public static class DemoApi
{
    /// <summary>A load's answer: <c>loaded</c> (201) or <c>already-loaded</c> (200, nothing changed), with the book as it now stands.</summary>
    public sealed record LoadResult(string Outcome, string Message, DemoStatus Status);

    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/demo", Status).WithTags("Demo").RequireAuthorization(Policies.Read)
            .WithSummary("The demo book: loaded?, accounts (of expectedAccounts), CSMs, accounts per stage and health band, running instances per playbook, open tasks");
        app.MapPost("/api/demo", Load).WithTags("Demo").RequireAuthorization(Policies.Design)
            .WithSummary("Load the demo book (ops): 201 outcome \"loaded\"; when it is already loaded 200 outcome \"already-loaded\" and nothing changes");
        app.MapDelete("/api/demo", Remove).WithTags("Demo").RequireAuthorization(Policies.Design)
            .WithSummary("Remove everything the demo book created (ops): running instances cancelled; accounts, usage, health, tasks, emails, events and CSMs deleted");
        return app;
    }

    private static async Task<Ok<DemoStatus>> Status(DemoBook book, CancellationToken ct) => TypedResults.Ok(await book.StatusAsync(ct));

    private static async Task<Results<Created<LoadResult>, Ok<LoadResult>>> Load(DemoBook book, CancellationToken ct)
    {
        var loaded = await book.LoadAsync(ct);
        var status = await book.StatusAsync(ct);
        return loaded
            ? TypedResults.Created("/api/demo", new LoadResult("loaded", $"The demo book is loaded: {status.Accounts} accounts and {status.Csms} CSMs, all marked (demo).", status))
            : TypedResults.Ok(new LoadResult("already-loaded", "The demo book was already loaded; nothing changed.", status));
    }

    private static async Task<Ok<DemoRemoval>> Remove(DemoBook book, CancellationToken ct) => TypedResults.Ok(await book.RemoveAsync(ct));
}
