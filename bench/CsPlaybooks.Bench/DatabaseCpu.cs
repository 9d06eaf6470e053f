namespace CsPlaybooks.Bench;

/// <summary>
/// CPU time the database server has used: the postmaster and its live backends, plus what ended backends left in the
/// postmaster's children totals (/proc/PID/stat fields utime, stime, cutime, cstime). Null when the server is not ours
/// (SQLite, or an external PostgreSQL), so the bench prints no figure rather than a wrong one.
/// </summary>
public sealed class DatabaseCpu(int? postmasterPid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public TimeSpan? Now()
    {
        if (postmasterPid is not { } root || !OperatingSystem.IsLinux()) return null;
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            if (Stat(pid) is not { } f) continue;
            if (pid == root) ticks += f.UTime + f.STime + f.CUTime + f.CSTime;
            else if (f.ParentPid == root) ticks += f.UTime + f.STime;
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int ParentPid, double UTime, double STime, double CUTime, double CSTime)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1]), double.Parse(fields[11]), double.Parse(fields[12]), double.Parse(fields[13]), double.Parse(fields[14]));
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
    }
}
