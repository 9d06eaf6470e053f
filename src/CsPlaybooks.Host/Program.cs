using CsPlaybooks.Host.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddCsPlaybooksHost();

var app = builder.Build();
app.UseCsPlaybooksHost();
app.Run();

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
