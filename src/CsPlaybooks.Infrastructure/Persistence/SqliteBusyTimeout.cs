using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// SQLite: a writer that finds the database locked by another waits inside SQLite, retrying every millisecond, instead
/// of getting SQLITE_BUSY back at once, which Microsoft.Data.Sqlite answers by sleeping 150 ms before it retries. The
/// product's writers — request handlers, the timer and event pumps, the batch endpoints — share SQLite's one write
/// lock. SQLite's own busy timeout would wait too, but backs off to sleeps of 25–100 ms after its first few retries,
/// so a waiting writer slept on long after a short write had released the lock. Set on the native connection as each
/// is opened (no statement runs); it gives up, as the busy timeout would, after the connection's default timeout.
/// </summary>
internal sealed unsafe partial class SqliteBusyTimeout(int milliseconds) : DbConnectionInterceptor
{
    [ThreadStatic] private static long _waitingSince;

    /// <summary>SQLite calls it on the waiting thread, <paramref name="count"/> times before for this lock; non-zero: try again.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int RetryEveryMillisecond(nint limit, int count)
    {
        var now = Environment.TickCount64;
        if (count == 0) _waitingSince = now;
        else if (now - _waitingSince >= limit) return 0;
        Thread.Sleep(1);
        return 1;
    }

    // SQLitePCLRaw (2.1) binds sqlite3_busy_timeout but not sqlite3_busy_handler; the library is the one it loads.
    [LibraryImport("e_sqlite3")]
    private static partial int sqlite3_busy_handler(nint db, delegate* unmanaged[Cdecl]<nint, int, int> handler, nint limit);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static bool _handlerMissing;

    private void Apply(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle!;
        if (!_handlerMissing)
            try
            {
                sqlite3_busy_handler(handle.DangerousGetHandle(), &RetryEveryMillisecond, milliseconds);
                return;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _handlerMissing = true; // a SQLite library of another name: its busy timeout waits too, only less promptly
            }
        SQLitePCL.raw.sqlite3_busy_timeout(handle, milliseconds);
    }
}
