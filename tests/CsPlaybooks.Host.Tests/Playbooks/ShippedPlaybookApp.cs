using CsPlaybooks.Host.Tests.Email;
using CsPlaybooks.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>
/// The real host with the repository's workflows/ folder, a virtual clock and delivery to a real SMTP server —
/// what the shipped playbooks' end-to-end tests run against.
/// </summary>
public static class ShippedPlaybookApp
{
    public static TestHost NewHost(Db kind) =>
        new(TestDatabase.Create(kind), TestHost.NewClock(), Path.Combine(ShippedPlaybooksHost.RepositoryRoot(), "workflows"));

    public static WebApplicationFactory<Program> WithSmtp(this TestHost host, SmtpTestServer smtp) => host.WithWebHostBuilder(b =>
    {
        b.UseSetting("Email:Smtp:Host", "127.0.0.1");
        b.UseSetting("Email:Smtp:Port", smtp.Port.ToString());
        b.UseSetting("Email:Smtp:UseTls", "false");
        b.UseSetting("Email:UnsubscribeSecret", "test-unsubscribe-secret-0123456789abcdef");
        b.UseSetting("Email:PublicBaseUrl", "http://localhost");
    });

    public static HttpClient Client(this WebApplicationFactory<Program> app, string key = TestHost.OpsKey)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
