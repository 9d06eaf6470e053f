using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// First run: there is no default password. While no user exists, each start prints a new setup link (log warning and
/// console) that creates the first ops user; the link is good for <see cref="PeopleOptions.SetupLinkLifetime"/> or until used.
/// Runs after the database migrations (registered after them).
/// </summary>
public sealed class FirstRunSetup(PlaybooksDb db, SignInLinks links, IOptions<PeopleOptions> options, ILogger<FirstRunSetup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using (var context = db.Create())
            if (await context.Users.AnyAsync(ct)) return;
        var link = await links.CreateAsync(SignInLinks.Setup, null, options.Value.SetupLinkLifetime, ct);
        log.LogWarning("No user exists yet. Create the first ops user at {SetupUrl} (good until {ExpiresAt:u}, once; a new link is printed at each start until then)",
            link.Url, link.ExpiresAt);
        Console.WriteLine($"""

            ┌ First run: no user exists yet. Open this link to create the first ops user (good until {link.ExpiresAt:u}, once):
            │ {link.Url}
            └
            """);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
