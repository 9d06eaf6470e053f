using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Faults;

/// <summary>
/// Test-only fault points, for the fault suite that proves what survives a crash. With <c>Faults:CrashAfter</c> set to
/// a point's name, the process kills itself (SIGKILL: no cleanup, no flush) right after that commit. Unset in production.
/// </summary>
public sealed class FaultInjection(IConfiguration configuration, ILogger<FaultInjection> log)
{
    /// <summary>The transaction that completes a task (and stores its task.completed event) has committed; nothing is delivered yet.</summary>
    public const string TaskCompletionCommit = "task-completion-commit";

    private readonly string? _crashAfter = configuration["Faults:CrashAfter"];

    public void AfterCommit(string point)
    {
        if (!string.Equals(_crashAfter, point, StringComparison.Ordinal)) return;
        log.LogCritical("fault injection: killing this process after {Point}", point);
        Process.GetCurrentProcess().Kill();
    }
}
