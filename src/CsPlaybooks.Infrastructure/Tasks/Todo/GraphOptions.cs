namespace CsPlaybooks.Infrastructure.Tasks.Todo;

/// <summary>
/// Configuration section <c>Graph</c>: app-only credentials for the Microsoft To Do mirror. The mirror is off unless
/// TenantId, ClientId and ClientSecret are all set. The app needs the application permission Tasks.ReadWrite.All.
/// </summary>
public sealed class GraphOptions
{
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Graph endpoint including the version; override for tests or national clouds. Default https://graph.microsoft.com/v1.0.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";
    /// <summary>The To Do list (per CSM) that tasks go to; created when missing. Default "CsPlaybooks".</summary>
    public string ListName { get; set; } = "CsPlaybooks";
    /// <summary>How often open mirrored tasks are checked for completion in To Do. Default 5 minutes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Link back to the app shown in To Do (linkedResource webUrl); optional, e.g. https://cs.example.com.</summary>
    public string? AppUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
