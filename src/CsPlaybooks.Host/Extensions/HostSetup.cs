using System.Text.Json.Serialization;
using CsPlaybooks.Host.Apis;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Health;
using CsPlaybooks.Host.Limits;
using CsPlaybooks.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace CsPlaybooks.Host.Extensions;

public static class HostSetup
{
    public static WebApplicationBuilder AddCsPlaybooksHost(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCsPlaybooks(builder.Configuration);
        builder.AddCsPlaybooksObservability();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = BodySizeLimits.Explain);
        services.AddBodySizeLimits(builder.Configuration);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddCsPlaybooksAuth(builder.Configuration);
        services.AddOpenApi(o => o.AddDocumentTransformer<CallerSecurityTransformer>().AddDocumentTransformer<WireShapeTransformer>());
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<StartupHealthCheck>("startup", tags: ["ready"])
            .AddCheck<BacklogHealthCheck>("backlog", tags: ["ready"]);
        services.Configure<Memory.IdleMemoryOptions>(builder.Configuration.GetSection("Memory"));
        services.AddHostedService<Memory.IdleMemoryTrim>();
        return builder;
    }

    public static WebApplication UseCsPlaybooksHost(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDesignerStaticFiles();
        app.UseBodySizeLimits();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseCookieAntiforgery();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapMetrics();

        app.MapSchemaApi();
        app.MapMeApi();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapApiKeysApi();
        app.MapPlaybooksApi();
        app.MapEnrolmentsApi();
        app.MapPlaybookVersionsApi();
        app.MapSimulationApi();
        app.MapForecastApi();
        app.MapMigrationsApi();
        app.MapEventsApi();
        app.MapInstancesApi();
        app.MapAccountsApi();
        app.MapUsageApi();
        app.MapTriggersApi();
        app.MapCsmsApi();
        app.MapTasksApi();
        app.MapEmailsApi();
        app.MapUnsubscribeApi();
        app.MapSurveyApi();
        app.MapSurveyResponsesApi();
        app.MapWebhooksApi();
        app.MapReportsApi();
        app.MapCrmApi();
        app.MapDemoApi();
        app.Lifetime.ApplicationStarted.Register(() => LocalKey.AnnounceUrls(app));
        return app;
    }
}
