using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// First run: there is no default password. While no user exists, each start prints a new setup link (log warning and
/// console) that creates the first ops user; the link is good for <see cref="PeopleOptions.SetupLinkLifetime"/> or until used.
/// Only the newest link works: a start replaces the links printed before, under the database's start-up lock, so nodes
/// starting together cannot hand out two links that would create two first ops users. Runs after the database migrations.
/// </summary>
public sealed class FirstRunSetup(PlaybooksDb db, SignInLinks links, StartupLock startupLock, IOptions<PeopleOptions> options, ILogger<FirstRunSetup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        SignInLinks.Created link;
        await startupLock.AcquireAsync(ct);
        try
        {
            await using (var context = db.Create())
                if (await context.Users.AnyAsync(ct)) return;
            await links.RevokeAllAsync(SignInLinks.Setup, ct);
            link = await links.CreateAsync(SignInLinks.Setup, null, options.Value.SetupLinkLifetime, ct);
        }
        finally
        {
            await startupLock.DisposeAsync();
        }
        log.LogWarning("No user exists yet. Create the first ops user at {SetupUrl} (good until {ExpiresAt:u}, once; each start prints a new link and the older ones stop working)",
            link.Url, link.ExpiresAt);
        Console.WriteLine($"""

            ┌ First run: no user exists yet. Open this link to create the first ops user (good until {link.ExpiresAt:u}, once):
            │ {link.Url}
            └
            """);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
