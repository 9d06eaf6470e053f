using System.Globalization;

namespace CsPlaybooks.Bench;

/// <summary>Command line: see <see cref="Usage"/> (the help text).</summary>
public sealed record BenchOptions
{
    public string Provider { get; init; } = "postgres";
    public int Accounts { get; init; } = 10_000;
    /// <summary>Concurrent callers of EnrolAsync and AcceptEventAsync.</summary>
    public int Concurrency { get; init; } = 12;
    /// <summary>The playbook's wait; 0 = automatic (long enough that timers come due after enrolment ends at ≥ 500/s).</summary>
    public int WaitSeconds { get; init; }
    /// <summary>All timers due at one instant (a waitUntil after enrolment ends): measures how fast the pump drains a backlog.</summary>
    public bool Drain { get; init; }
    public int? TimerParallelism { get; init; }
    public int? TimerBatch { get; init; }
    public double CeilingSeconds { get; init; } = 4;
    /// <summary>Drive the real host (a separate process) over HTTP instead of calling the services in this process.</summary>
    public bool Http { get; init; }
    /// <summary>Instead of the workload: the daily trigger sweep over the accounts (see SweepBench).</summary>
    public bool Sweep { get; init; }
    /// <summary>0: enrol one call per account; B: enrol through the batch path, B accounts per call.</summary>
    public int EnrolBatch { get; init; }
    /// <summary>Instead of the workload: usage facts through the batch usage path (see UsageBench).</summary>
    public bool UsageFacts { get; init; }
    /// <summary>Days of usage per account in --usage.</summary>
    public int UsageDays { get; init; } = 7;
    /// <summary>Instead of the workload: a seeded book, then every report and list timed over HTTP (see ReportsBench); implies --http.</summary>
    public bool Reports { get; init; }
    /// <summary>PostgreSQL: after each phase, the statements that took the server's time (pg_stat_statements).</summary>
    public bool Statements { get; init; }
    /// <summary>0: enrol as fast as the product takes it; R: at most R enrolments a second, so the timers they set come due at R a second.</summary>
    public int EnrolRate { get; init; }
    /// <summary>PostgreSQL: more server settings for the throw-away server (e.g. "-c random_page_cost=1.1").</summary>
    public string ServerSettings { get; init; } = "";
    /// <summary>
    /// Seconds of single events sent before the events phase is timed (at most a quarter of the accounts): the product
    /// compiles its event path as it first runs it, a quarter of its CPU for the first 3 s over HTTP. 0: none.
    /// </summary>
    public double WarmupSeconds { get; init; } = 3;
    /// <summary>--http: the host to start (e.g. a ReadyToRun publish); default the Release build next to the bench.</summary>
    public string? HostDll { get; init; }
    /// <summary>Events per request of the batch phase.</summary>
    public int BatchSize { get; init; } = 1000;

    public int EffectiveWaitSeconds => WaitSeconds > 0 ? WaitSeconds : 5 + (int)Math.Ceiling(Accounts / 500.0);

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--provider" => o with { Provider = Next().ToLowerInvariant() },
                "--accounts" => o with { Accounts = Int() },
                "--concurrency" => o with { Concurrency = Int() },
                "--wait-seconds" => o with { WaitSeconds = Int() },
                "--drain" => o with { Drain = true },
                "--http" => o with { Http = true },
                "--host-dll" => o with { HostDll = Path.GetFullPath(Next()) },
                "--sweep" => o with { Sweep = true },
                "--reports" => o with { Reports = true, Http = true },
                "--batch-size" => o with { BatchSize = Int() },
                "--enrol-batch" => o with { EnrolBatch = Int() },
                "--enrol-rate" => o with { EnrolRate = Int() },
                "--server-settings" => o with { ServerSettings = Next() },
                "--usage" => o with { UsageFacts = true },
                "--statements" => o with { Statements = true },
                "--usage-days" => o with { UsageDays = Int() },
                "--timer-parallelism" => o with { TimerParallelism = Int() },
                "--timer-batch" => o with { TimerBatch = Int() },
                "--warmup-seconds" => o with { WarmupSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--ceiling-seconds" => o with { CeilingSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "-h" or "--help" => throw new ArgumentException(""),
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (o.Provider is not ("postgres" or "sqlite")) throw new ArgumentException("--provider must be postgres or sqlite");
        if (o.Accounts < 1) throw new ArgumentException("--accounts must be at least 1");
        if (o.Concurrency < 1) throw new ArgumentException("--concurrency must be at least 1");
        if (o.Statements && o.Provider != "postgres") throw new ArgumentException("--statements needs --provider postgres");
        if (o.BatchSize is < 1 or > 10_000) throw new ArgumentException("--batch-size must be 1 to 10000");
        if (o.EnrolBatch is < 0 or > 10_000) throw new ArgumentException("--enrol-batch must be 0 to 10000");
        if (o.EnrolRate < 0) throw new ArgumentException("--enrol-rate must be 0 (as fast as possible) or more");
        if (o.ServerSettings.Length > 0 && o.Provider != "postgres") throw new ArgumentException("--server-settings needs --provider postgres");
        if (o.WarmupSeconds < 0) throw new ArgumentException("--warmup-seconds must be 0 or more");
        if (o.HostDll is not null && (!o.Http || !File.Exists(o.HostDll))) throw new ArgumentException("--host-dll needs --http and an existing CsPlaybooks.Host.dll");
        if (o.UsageDays is < 1 or > 366) throw new ArgumentException("--usage-days must be 1 to 366");
        return o;
    }

    public const string Usage =
        """
        usage: dotnet run -c Release --project bench/CsPlaybooks.Bench -- [options]
          --provider postgres|sqlite   database (default postgres: a throw-away PostgreSQL 15, fsync on)
          --accounts N                 accounts, one instance each (default 10000)
          --concurrency C              concurrent enrol / event callers (default 12)
          --http                       drive the real host (src/CsPlaybooks.Host, Release build) over HTTP
          --host-dll PATH              with --http: start this CsPlaybooks.Host.dll instead, e.g. a ReadyToRun publish (docs/operations.md)
          --sweep                      instead of the workload: two daily trigger sweeps over the accounts (e.g. --accounts 100000)
          --reports                    instead of the workload: seed a book of N accounts (e.g. --accounts 100000), time every report and list over HTTP
          --batch-size B               events per POST /api/events/batch in the batch phase, usage facts per call in --usage (default 1000)
          --enrol-batch B              enrol through the batch path, B accounts per call (default 0: one call per account)
          --enrol-rate R               enrol at most R accounts a second, so timers are offered at R a second (default 0: as fast as possible)
          --usage                      instead of the workload: usage facts of every account through the batch usage path, health rescored
          --usage-days D               days of usage per account in --usage (default 7)
          --statements                 PostgreSQL: after each phase, the 12 statements that took the server most time (pg_stat_statements)
          --server-settings "S"        PostgreSQL: more settings for the throw-away server, e.g. "-c random_page_cost=1.1"
          --drain                      every timer due at one instant after enrolment (backlog drain)
          --wait-seconds S             the playbook's wait step (default 5 + N/500)
          --timer-parallelism P        Timers:Parallelism (default: the product default)
          --timer-batch B              Timers:BatchSize (default: the product default)
          --warmup-seconds S           single events sent, untimed, before the events phase is timed, at most a quarter of the accounts (default 3; 0: none)
          --ceiling-seconds S          length of each raw insert+commit measurement (default 4)
        """;
}
