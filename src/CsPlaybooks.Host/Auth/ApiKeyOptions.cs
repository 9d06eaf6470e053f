namespace CsPlaybooks.Host.Auth;

/// <summary>
/// API keys (header <c>X-Api-Key</c>) and the role each grants. Configure under <c>Auth:ApiKeys</c>; with none
/// configured, a local ops key is generated once into <see cref="LocalKeyFile"/> so the run command works without setup.
/// </summary>
public sealed class ApiKeyOptions
{
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
    public string LocalKeyFile { get; set; } = "data/local-api-key.txt";
}

public sealed class ApiKeyEntry
{
    public string Key { get; set; } = "";
    /// <summary>ops, csm, integration or viewer.</summary>
    public string Role { get; set; } = Roles.Viewer;
    /// <summary>For role csm: the CSM this key belongs to.</summary>
    public string? CsmId { get; set; }
    public string? Name { get; set; }
}

public static class Roles
{
    public const string Ops = "ops";
    public const string Csm = "csm";
    public const string Integration = "integration";
    public const string Viewer = "viewer";
    public static readonly string[] All = [Ops, Csm, Integration, Viewer];
}

/// <summary>Authorization policies by what a caller may do.</summary>
public static class Policies
{
    /// <summary>Any valid key may read.</summary>
    public const string Read = "read";
    /// <summary>Design, publish, migrate playbooks; cancel and retry instances: ops only.</summary>
    public const string Design = "design";
    /// <summary>Push accounts and events: integration or ops.</summary>
    public const string Ingest = "ingest";
    /// <summary>Delete accounts (and their history): ops only; an integration key may create and change them, not delete them.</summary>
    public const string DeleteAccounts = "delete-accounts";
    /// <summary>Read the task inbox: ops and viewers see every task, a CSM key only its own.</summary>
    public const string ReadTasks = "read-tasks";
    /// <summary>Complete tasks: ops any task, a CSM key only its own; viewers cannot.</summary>
    public const string CompleteTasks = "complete-tasks";
}
