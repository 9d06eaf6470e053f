using CsPlaybooks.Host.Extensions;
using CsPlaybooks.Host.Health;

if (HealthProbe.IsRequested(args)) return await HealthProbe.RunAsync(args);

var builder = WebApplication.CreateBuilder(CsPlaybooks.Infrastructure.Demo.DemoOptions.TranslateSwitch(args));
builder.AddCsPlaybooksHost();

var app = builder.Build();
app.UseCsPlaybooksHost();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
