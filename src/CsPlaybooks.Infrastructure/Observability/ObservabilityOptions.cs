namespace CsPlaybooks.Infrastructure.Observability;

/// <summary>Configuration section <c>Observability</c> (see docs/operations.md).</summary>
public sealed class ObservabilityOptions
{
    /// <summary><c>/health/ready</c> reports Degraded when due timers or an outbox kind have waited longer than this. Default 5 minutes.</summary>
    public TimeSpan BacklogDegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the backlog gauges are read from the database. Default 15 s.</summary>
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// When set, <c>/metrics</c> answers only on this port (add the port to <c>ASPNETCORE_URLS</c> / <c>Urls</c>, e.g.
    /// <c>http://+:8080;http://+:9464</c>), so the scrape port can stay inside the cluster network. Default: every port.
    /// </summary>
    public int? MetricsPort { get; set; }

    /// <summary>
    /// OTLP endpoint for traces and metrics (e.g. <c>http://otel-collector:4317</c>). Also taken from the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Unset: nothing is exported over OTLP.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }
}
