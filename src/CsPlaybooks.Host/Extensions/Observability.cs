using CsPlaybooks.Infrastructure.Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CsPlaybooks.Host.Extensions;

/// <summary>
/// OpenTelemetry for the host: our own meter and spans (<see cref="PlaybookTelemetry"/>), ASP.NET Core, HttpClient,
/// EF Core, MailKit and the .NET runtime. Metrics are always scrapeable at <c>/metrics</c> (Prometheus text, no API
/// key; on <see cref="ObservabilityOptions.MetricsPort"/> only, when set); traces and metrics go over OTLP when an
/// endpoint is configured. Logs carry the trace and span ids, and inside a burst or a delivery the instance and account
/// ids (log scopes).
/// </summary>
public static class Observability
{
    private const string MailKitSmtp = "MailKit.Net.SmtpClient";

    public static WebApplicationBuilder AddCsPlaybooksObservability(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Observability").Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        var otlp = options.OtlpEndpoint ?? (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } e ? new Uri(e) : null);
        MailKit.Telemetry.SmtpClient.Configure();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("csplaybooks"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PlaybookTelemetry.Name, MailKit.Telemetry.SmtpClient.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null) metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(PlaybookTelemetry.Name, MailKitSmtp)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }
        return builder;
    }

    /// <summary>Maps <c>/metrics</c>: anonymous (scrapers carry no API key), limited to the metrics port when one is configured.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        var port = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ObservabilityOptions>>().Value.MetricsPort;
        var endpoint = app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        if (port is { } p) endpoint.RequireHost($"*:{p}");
        return app;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
