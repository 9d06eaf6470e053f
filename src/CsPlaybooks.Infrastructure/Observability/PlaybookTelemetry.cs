using System.Diagnostics;
using System.Diagnostics.Metrics;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Timers;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Observability;

/// <summary>
/// The service's own traces and metrics, all defined here (System.Diagnostics; the host exports them with
/// OpenTelemetry: OTLP and Prometheus, see docs/operations.md). The runtime, pumps and handlers call in with one line
/// each. Metric tags stay low in cardinality (playbook, kind, outcome); instance and account ids go on spans and log
/// scopes only.
/// </summary>
public static class PlaybookTelemetry
{
    /// <summary>The name of both the activity source and the meter.</summary>
    public const string Name = "CsPlaybooks";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Bursts = Meter.CreateCounter<long>("csplaybooks.bursts", "{burst}",
        "Bursts committed: an instance ran from a stimulus (enrolment, timer, event, task, command) until every path waited or ended");
    private static readonly Histogram<double> BurstDuration = Meter.CreateHistogram("csplaybooks.burst.duration", "s",
        "Time of a burst's unit of work, from taking the instance's lock to the commit", advice: Buckets(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5));
    private static readonly Histogram<double> TimerLateness = Meter.CreateHistogram("csplaybooks.timer.lateness", "s",
        "How long after its due time a timer was claimed for firing", advice: Buckets(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 3600));
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("csplaybooks.outbox.deliveries", "{attempt}",
        "Outbox delivery attempts by kind and outcome (sent, deferred, retry, failed)");
    private static readonly Counter<long> Emails = Meter.CreateCounter<long>("csplaybooks.emails", "{email}",
        "Emails by outcome: sent (the server accepted it), deferred (quiet hours, cap), retry (a transient failure), failed, suppressed");
    private static readonly Histogram<double> SweepDuration = Meter.CreateHistogram("csplaybooks.sweep.duration", "s",
        "Duration of a trigger sweep (contractDate and segment triggers over all accounts)", advice: Buckets(0.1, 0.5, 1, 5, 15, 60, 300, 900));

    /// <summary>Starts the span and timing of one unit of work on an instance (<see cref="BurstRunner"/>); null for a batch of instances.</summary>
    public static BurstSpan StartBurst(ILogger log, Guid? instanceId) => new(log, instanceId);

    /// <summary>Records the lateness of claimed timers.</summary>
    public static void TimersClaimed(IReadOnlyList<ClaimedRow> timers, DateTimeOffset now)
    {
        foreach (var timer in timers) TimerLateness.Record(Math.Max(0, (now - timer.DueAt).TotalSeconds));
    }

    /// <summary>A span for delivering one outbox message (its handler's HTTP or SMTP calls are its children).</summary>
    public static Activity? StartDelivery(OutboxRecord message)
    {
        var activity = Source.StartActivity($"deliver {message.Kind}", ActivityKind.Producer);
        activity?.SetTag("csplaybooks.outbox.kind", message.Kind);
        activity?.SetTag("csplaybooks.outbox.id", message.Id.ToString());
        activity?.SetTag("csplaybooks.instance.id", message.InstanceId.ToString());
        activity?.SetTag("csplaybooks.step", message.StepId);
        return activity;
    }

    /// <summary>Counts an outbox delivery attempt by the state it left the message in: sent, deferred, retry or failed.</summary>
    public static void Delivered(OutboxRecord message)
    {
        var outcome = message.State == OutboxStates.Sent ? "sent"
            : message.State == OutboxStates.Failed ? "failed"
            : message.LastError?.StartsWith("deferred: ", StringComparison.Ordinal) == true ? "deferred" : "retry";
        Deliveries.Add(1, new("kind", message.Kind), new("outcome", outcome));
    }

    /// <summary>Counts an email outcome: sent, deferred, retry, failed or suppressed.</summary>
    public static void Email(string outcome) => Emails.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A span for a trigger sweep; its duration is recorded when disposed.</summary>
    public static Scope StartSweep()
    {
        var started = Stopwatch.GetTimestamp();
        return new Scope(Source.StartActivity("trigger sweep"), () => SweepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds));
    }

    /// <summary>
    /// The backlog gauges, on a meter of the host's own (so they go away with the host): timers due and not yet fired,
    /// pending outbox messages per kind, events due and not yet delivered, with the age of the oldest of each.
    /// </summary>
    public static void CreateBacklogGauges(Meter meter, Func<BacklogSnapshot?> latest)
    {
        meter.CreateObservableGauge("csplaybooks.timers.due", () => Measure(latest(), s => [new(s.DueTimers)]), "{timer}",
            "Timers due and not fired yet");
        meter.CreateObservableGauge("csplaybooks.timers.lag", () => Measure(latest(), s => [new(s.TimerLag.TotalSeconds)]), "s",
            "Age of the oldest timer that is due and not fired yet (0 when none)");
        meter.CreateObservableGauge("csplaybooks.outbox.depth", () => Measure(latest(), s => s.Outbox.Select(o => new Measurement<double>(o.Pending, Kind(o)))), "{message}",
            "Outbox messages not delivered yet (due, waiting for a retry or deferred), per kind");
        meter.CreateObservableGauge("csplaybooks.outbox.oldest_age", () => Measure(latest(), s => s.Outbox.Select(o => new Measurement<double>(o.OldestAge.TotalSeconds, Kind(o)))), "s",
            "Age of the oldest undelivered outbox message, per kind");
        meter.CreateObservableGauge("csplaybooks.outbox.lag", () => Measure(latest(), s => s.Outbox.Select(o => new Measurement<double>(o.Lag.TotalSeconds, Kind(o)))), "s",
            "How long the oldest outbox message has been due or failing without being delivered, per kind (what readiness checks)");
        meter.CreateObservableGauge("csplaybooks.events.lag", () => Measure(latest(), s => [new(s.EventLag.TotalSeconds)]), "s",
            "Age of the oldest event that is due and not delivered yet (0 when none)");
    }

    private static IEnumerable<Measurement<double>> Measure(BacklogSnapshot? snapshot, Func<BacklogSnapshot, IEnumerable<Measurement<double>>> read) =>
        snapshot is null ? [] : read(snapshot);

    private static KeyValuePair<string, object?> Kind(OutboxBacklog o) => new("kind", o.Kind);

    private static InstrumentAdvice<double> Buckets(params double[] bounds) => new() { HistogramBucketBoundaries = bounds };

    /// <summary>An activity and what to record when it ends.</summary>
    public sealed class Scope(Activity? activity, Action onEnd) : IDisposable
    {
        public void Dispose()
        {
            onEnd();
            activity?.Dispose();
        }
    }

    /// <summary>
    /// One burst's span (or a batch's, with a child span per instance), its duration and count, and a log scope with
    /// the instance and account ids once they are known.
    /// </summary>
    public sealed class BurstSpan : IDisposable
    {
        private readonly ILogger _log;
        private readonly Activity? _activity;
        private readonly long _started = Stopwatch.GetTimestamp();
        private IDisposable? _logScope;

        internal BurstSpan(ILogger log, Guid? instanceId)
        {
            _log = log;
            _activity = Source.StartActivity(instanceId is null ? "burst batch" : "burst");
            if (instanceId is { } id) _activity?.SetTag("csplaybooks.instance.id", id.ToString());
        }

        /// <summary>The instance is loaded: its playbook, version and account go on the span and the log scope.</summary>
        public void Loaded(InstanceRecord? instance)
        {
            if (instance is null || _logScope is not null) return;
            Describe(_activity, instance);
            _logScope = _log.BeginScope(new Dictionary<string, object> { ["InstanceId"] = instance.Id, ["AccountId"] = instance.AccountId, ["Playbook"] = instance.PlaybookId });
        }

        /// <summary>The bursts of one instance committed.</summary>
        public void Committed(InstanceRecord instance, IReadOnlyList<BurstResult> bursts) => Record(_activity, instance, bursts);

        /// <summary>The bursts of several instances committed in one transaction: a child span per instance.</summary>
        public void Committed(IEnumerable<InstanceScope> scopes) => Committed(scopes.Select(s => (s.Instance, s.Bursts)));

        /// <summary>The bursts of several instances committed in one transaction: a child span per instance.</summary>
        public void Committed(IEnumerable<(InstanceRecord Instance, IReadOnlyList<BurstResult> Bursts)> committed)
        {
            foreach (var (instance, bursts) in committed)
            {
                if (bursts.Count == 0) continue;
                using var child = _activity is null ? null : Source.StartActivity("burst", ActivityKind.Internal, _activity.Context, startTime: _activity.StartTimeUtc);
                Record(child, instance, bursts);
            }
        }

        /// <summary>Shorthand for a single instance's scope (null: nothing ran).</summary>
        public void Committed(InstanceScope? scope)
        {
            if (scope is not null) Committed(scope.Instance, scope.Bursts);
        }

        private void Record(Activity? span, InstanceRecord instance, IReadOnlyList<BurstResult> bursts)
        {
            if (bursts.Count == 0) return;
            Describe(span, instance);
            span?.SetTag("csplaybooks.step", bursts.SelectMany(b => b.Journal).LastOrDefault(j => j.StepId is not null)?.StepId);
            span?.SetTag("csplaybooks.instance.status", instance.Status);
            var playbook = new KeyValuePair<string, object?>("playbook", instance.PlaybookId);
            Bursts.Add(bursts.Count, playbook);
            BurstDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, playbook);
        }

        private static void Describe(Activity? span, InstanceRecord instance)
        {
            span?.SetTag("csplaybooks.instance.id", instance.Id.ToString());
            span?.SetTag("csplaybooks.playbook", instance.PlaybookId);
            span?.SetTag("csplaybooks.playbook.version", instance.Version);
            span?.SetTag("csplaybooks.account.id", instance.AccountId);
        }

        public void Dispose()
        {
            _logScope?.Dispose();
            _activity?.Dispose();
        }
    }
}
