using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>
/// A burst whose commit the database refuses for a reason other than a concurrent write (a constraint, a value too
/// long, here a trigger) faults the instance with an incident at once instead of being retried forever. PostgreSQL,
/// where such refusals happen; the trigger stands in for any of them.
/// </summary>
public sealed class BurstFailureTests(PostgresClockHost fixture) : IClassFixture<PostgresClockHost>
{
    private readonly HttpClient _ops = fixture.Host.Client();

    [Fact]
    public async Task BurstRefusedByTheDatabase_FaultsTheInstanceWithIncident_Once()
    {
        var playbook = Samples.Onboarding(Samples.NewId("pb"));
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));
        await Samples.Publish(_ops, playbook);
        var instance = await Samples.Enrol(_ops, (string)playbook["id"]!, account);
        await using (var context = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create())
        {
            var sql = $"""
                CREATE FUNCTION refuse_{account.Replace('-', '_')}() RETURNS trigger AS $$
                BEGIN
                  IF NEW.instance_id = '{instance}' AND NEW.step_id = 'wait-opened' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse_{account.Replace('-', '_')} BEFORE INSERT ON bookmarks FOR EACH ROW EXECUTE FUNCTION refuse_{account.Replace('-', '_')}();
                """;
            await context.Database.ExecuteSqlRawAsync(sql); // DDL from ids this test made
        }

        fixture.Clock.Advance(TimeSpan.FromDays(1)); // the timer's burst reaches the waitForEvent, whose bookmark is refused
        await fixture.Host.DrainAsync();
        var detail = await Samples.Instance(_ops, instance);
        Assert.Equal("faulted", (string)detail["status"]!);
        var incident = Assert.Single(detail["incidents"]!.AsArray())!;
        Assert.Contains("refused by the test trigger", (string)incident["message"]!);
        Assert.NotNull(incident["stepId"]);

        fixture.Clock.Advance(TimeSpan.FromMinutes(5)); // past every lease: nothing retries the refused burst
        await fixture.Host.DrainAsync();
        detail = await Samples.Instance(_ops, instance);
        Assert.Single(Samples.Journal(detail), j => (string)j["kind"]! == "instance.faulted");
        Assert.Single(detail["incidents"]!.AsArray());
    }
}
