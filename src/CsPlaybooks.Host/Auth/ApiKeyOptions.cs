namespace CsPlaybooks.Host.Auth;

/// <summary>
/// API keys (header <c>X-Api-Key</c>) and the role each grants, for systems: configured under <c>Auth:ApiKeys</c> or
/// created by ops in the designer. People sign in instead (docs/auth.md).
/// </summary>
public sealed class ApiKeyOptions
{
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
    /// <summary>
    /// Off by default (empty). Opt-in and deprecated: a path here makes the host generate a plaintext ops key into that
    /// file while no key is configured (a standing credential on disk; people sign in and ops create hashed keys instead).
    /// </summary>
    public string LocalKeyFile { get; set; } = "";
}

public sealed class ApiKeyEntry
{
    /// <summary>The key itself; or leave empty and give <see cref="KeyHash"/>.</summary>
    public string Key { get; set; } = "";
    /// <summary>Hex SHA-256 of the key (optionally prefixed <c>sha256:</c>), so the configuration holds no secret.</summary>
    public string? KeyHash { get; set; }
    /// <summary>ops, cs-lead, csm, integration or viewer.</summary>
    public string Role { get; set; } = Roles.Viewer;
    /// <summary>For role csm: the CSM this key belongs to.</summary>
    public string? CsmId { get; set; }
    public string? Name { get; set; }
}

public static class Roles
{
    public const string Ops = "ops";
    /// <summary>A CS lead: what a CSM may, for every CSM, plus reassigning tasks.</summary>
    public const string CsLead = "cs-lead";
    public const string Csm = "csm";
    /// <summary>Systems pushing data; keys only, never a person.</summary>
    public const string Integration = "integration";
    public const string Viewer = "viewer";
    public static readonly string[] All = [Ops, CsLead, Csm, Integration, Viewer];
    /// <summary>The roles a person (a signed-in user) may hold.</summary>
    public static readonly string[] People = [Ops, CsLead, Csm, Viewer];
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
    /// <summary>Read the task inbox: ops, CS leads and viewers see every task, a CSM only their own.</summary>
    public const string ReadTasks = "read-tasks";
    /// <summary>Complete tasks: ops and CS leads any task, a CSM only their own; viewers cannot.</summary>
    public const string CompleteTasks = "complete-tasks";
    /// <summary>Give a task to another CSM: ops and CS leads.</summary>
    public const string ReassignTasks = "reassign-tasks";
    /// <summary>Agree an account's success criteria: ops and CS leads any account, a CSM only their own; viewers cannot.</summary>
    public const string EditSuccessCriteria = "edit-success-criteria";
    /// <summary>Manage people and API keys: ops only.</summary>
    public const string ManageAccess = "manage-access";
}
