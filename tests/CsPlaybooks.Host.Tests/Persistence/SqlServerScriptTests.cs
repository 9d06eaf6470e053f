using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Scheduling;
using CsPlaybooks.Infrastructure.Startup;
using CsPlaybooks.Infrastructure.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CsPlaybooks.Host.Tests.Persistence;

/// <summary>
/// No SQL Server runs here, so this is as far as SQL Server is proven: every statement we write for it and the SQL that
/// EF Core's SQL Server provider generates for our model and main queries parse as T-SQL (SQL Server 2022 grammar).
/// What parsing cannot show (names that do not exist, types, locking behaviour) is listed in docs/operations.md.
/// </summary>
public sealed class SqlServerScriptTests
{
    private static SqlServerPlaybooksDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqlServerPlaybooksDbContext>().UseSqlServer("Server=no-server;Database=csplaybooks").Options);

    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void MigrationScript_AllMigrations_ParsesAsTSql(MigrationsSqlGenerationOptions options)
    {
        using var context = NewContext();
        var script = context.GetService<IMigrator>().GenerateScript(options: options);

        var statements = new StatementCollector();
        AssertParses(script).Accept(statements);
        foreach (var dynamicSql in statements.ExecutedStrings) AssertParses(dynamicSql).Accept(statements); // the idempotent script's EXEC(N'…')
        Assert.Contains("outbox", statements.CreatedTables);
        Assert.Contains("bookmarks", statements.CreatedTables);
        Assert.Equal(context.Database.GetMigrations().Count(), CountInsertsIntoHistory(script));
    }

    [Theory]
    [InlineData("bookmarks", "due_at", null)] // TimerPump
    [InlineData("outbox", "next_attempt_at", "state = 'pending'")] // OutboxPump
    [InlineData("events", "deliver_at", null)] // EventPump
    public void ClaimStatement_UpdlockReadpast_ParsesAsTSql(string table, string dueColumn, string? condition)
    {
        var sql = RowClaimer.ClaimSql(DatabaseProvider.SqlServer, table, dueColumn, condition);

        var hints = AssertParses(sql).Batches.Single().Statements.OfType<UpdateStatement>().Single()
            .WithCtesAndXmlNamespaces.CommonTableExpressions.Single().QueryExpression is QuerySpecification { FromClause: { } from }
            ? ((NamedTableReference)from.TableReferences.Single()).TableHints.Select(h => h.HintKind).ToList()
            : [];
        Assert.Equal([TableHintKind.UpdLock, TableHintKind.ReadPast, TableHintKind.Rowlock], hints);
        // The names the raw statement uses exist in the SQL Server model (a parser cannot know them).
        using var context = NewContext();
        var entity = context.Model.GetEntityTypes().Single(e => e.GetTableName() == table);
        var columns = entity.GetProperties().Select(p => p.GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))).ToHashSet();
        Assert.Superset(new HashSet<string?>(["id", dueColumn, "claimed_by", "claimed_until", .. condition is null ? [] : new[] { "state" }]), columns);
    }

    /// <summary>The batch endpoint's insert that skips stored event ids (BulkRows.InsertNewAsync), with two rows.</summary>
    [Fact]
    public void InsertOfNewRowsOnly_ParsesAsTSql_SkippingStoredKeysUnderAKeyRangeLock()
    {
        var (before, after) = BulkRows.NewOnlyShape(DatabaseProvider.SqlServer, "[events]", "[id], [name]", "[id]");

        var insert = AssertParses(before + "(@p0, @p1), (@p2, @p3)" + after).Batches.Single().Statements.OfType<InsertStatement>().Single();

        Assert.NotNull(insert.InsertSpecification.OutputClause);
        var select = (QuerySpecification)((SelectInsertSource)insert.InsertSpecification.InsertSource).Select;
        Assert.IsType<ExistsPredicate>(((BooleanNotExpression)select.WhereClause.SearchCondition).Expression);
        Assert.Contains("WITH (UPDLOCK, HOLDLOCK)", after);
    }

    [Fact]
    public void StartupStatements_ParseAsTSql()
    {
        AssertParses(StartupLock.AcquireSql(DatabaseProvider.SqlServer)!);
        AssertParses(StartupLock.ReleaseSql(DatabaseProvider.SqlServer)!);
        AssertParses(string.Format(QuartzLockRows.InsertSql(DatabaseProvider.SqlServer)!, "@p0"));
    }

    /// <summary>The shapes of the main queries (the runtime's load, enrolment, event delivery, the email cap, the API's lists, the backlog), as EF Core writes them for SQL Server.</summary>
    [Fact]
    public void MainQueries_ToQueryString_ParseAsTSql()
    {
        using var c = NewContext();
        var ids = new List<Guid> { Guid.NewGuid(), Guid.NewGuid() };
        var now = DateTimeOffset.UtcNow;
        string playbookId = "pb", accountId = "acct", guard = "pb/acct", eventName = "account.opened", address = "dana@example.com";
        IQueryable[] queries =
        [
            // BurstRunner: instances with their account and CSM
            from i in c.Instances.Where(i => ids.Contains(i.Id))
            join a in c.Accounts on i.AccountId equals a.Id into accounts
            from a in accounts.DefaultIfEmpty()
            join m in c.Csms on a.CsmId equals m.Id into csms
            from m in csms.DefaultIfEmpty()
            select new { Instance = i, AccountJson = a.Json, CsmId = m.Id, CsmName = m.Name, CsmEmail = m.Email },
            // WorkflowRuntime.EnrolAsync: one round trip for the version, the account and both re-entry checks
            c.Playbooks.AsNoTracking().Where(p => p.Id == playbookId).Select(p => new
            {
                p.LatestVersion,
                Json = c.Accounts.Where(a => a.Id == accountId).Select(a => a.Json).FirstOrDefault(),
                Csm = c.Accounts.Where(a => a.Id == accountId).Join(c.Csms, a => a.CsmId, m => m.Id, (a, m) => m.Name).FirstOrDefault(),
                KeyTaken = c.Instances.Any(i => i.EnrolmentKey == guard),
                Guarded = c.Instances.Any(i => i.ReentryGuard == guard),
            }).Take(1),
            // event delivery: waiting instances and triggered playbooks
            c.Bookmarks.AsNoTracking().Where(b => b.AccountId == accountId && b.EventName == eventName).Select(b => b.InstanceId).Distinct(),
            c.PlaybookVersions.AsNoTracking().Where(v => v.TriggerType == "event" && v.TriggerEvent == eventName)
                .Join(c.Playbooks, v => new { Id = v.PlaybookId, V = v.Version }, p => new { p.Id, V = p.LatestVersion }, (v, p) => new { v.PlaybookId, v.Version }),
            // the email cap: this recipient's recent digital-touch sends
            c.Emails.AsNoTracking().Where(e => e.RecipientAddress == address && e.Category == "digital-touch" && e.Id != ids[0]
                && (e.State == "sent" || e.State == "sending") && e.SentAt > now.AddDays(-7)).Select(e => e.SentAt!.Value),
            // GET /api/instances: a page and its bookmarks
            c.Instances.AsNoTracking().Where(i => i.PlaybookId == playbookId && i.Status == "running").OrderByDescending(i => i.CreatedAt).Skip(50).Take(50),
            c.Bookmarks.AsNoTracking().Where(b => ids.Contains(b.InstanceId)).Select(b => new { b.InstanceId, b.StepId, b.DueAt, b.EventName }),
            // task escalation
            c.Tasks.AsNoTracking().Where(t => t.Status == "open" && t.Required && t.EscalatedAt == null && t.DueAt != null && t.DueAt <= now).OrderBy(t => t.DueAt).Take(200),
            // BacklogMonitor
            c.Outbox.Where(o => o.State == "pending").GroupBy(o => o.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }),
            c.Outbox.Where(o => o.State == "pending" && o.Kind == "email" && o.FailingSince != null).OrderBy(o => o.FailingSince).Select(o => o.FailingSince).Take(1),
            c.Bookmarks.Where(b => b.DueAt != null && b.DueAt <= now).OrderBy(b => b.DueAt).Select(b => b.DueAt).Take(1),
        ];
        foreach (var query in queries) AssertParses(query.ToQueryString());
    }

    [Fact]
    public void Parser_BrokenTSql_Fails()
    {
        var errors = Parse("SELECT TOP (@n) * FROM outbox WITH (UPDLOCK, READPAST ORDER BY id", out _);
        Assert.NotEmpty(errors);
    }

    private static TSqlScript AssertParses(string sql)
    {
        var errors = Parse(sql, out var script);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message} near '{Near(sql, e)}'")) + "\n\n" + sql);
        return script;
    }

    private static IList<ParseError> Parse(string sql, out TSqlScript script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        script = (TSqlScript)parser.Parse(new StringReader(sql), out var errors);
        return errors;
    }

    private static string Near(string sql, ParseError e) => sql.Substring(Math.Max(0, e.Offset - 20), Math.Min(60, sql.Length - Math.Max(0, e.Offset - 20)));

    /// <summary>Names of created tables, and the strings run by EXEC (dynamic SQL, parsed on their own).</summary>
    private sealed class StatementCollector : TSqlFragmentVisitor
    {
        public HashSet<string> CreatedTables { get; } = [];
        public List<string> ExecutedStrings { get; } = [];

        public override void Visit(CreateTableStatement node) => CreatedTables.Add(node.SchemaObjectName.BaseIdentifier.Value);

        public override void Visit(ExecutableStringList node) =>
            ExecutedStrings.Add(string.Concat(node.Strings.OfType<StringLiteral>().Select(l => l.Value)));
    }

    private static int CountInsertsIntoHistory(string script) =>
        script.Split("INSERT INTO [__EFMigrationsHistory]").Length - 1;
}
