using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Triggers;

namespace CsPlaybooks.Host.Apis;

/// <summary>Runs the contractDate/segment sweep now, instead of waiting for its daily schedule.</summary>
public static class TriggersApi
{
    public static IEndpointRouteBuilder MapTriggersApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/triggers/sweep", async (TriggerSweep sweep, CancellationToken ct) => TypedResults.Ok(await sweep.RunAsync(ct)))
            .WithTags("Playbooks").RequireAuthorization(Policies.Design)
            .WithSummary("Evaluate contractDate and segment triggers for every account now (normally daily, Triggers:SweepCron)");
        return app;
    }
}
