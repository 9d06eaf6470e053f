using Microsoft.AspNetCore.Identity;

namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// A person who signs in (ASP.NET Core Identity user). One role per user, as for API keys; a csm user is linked to the
/// CSM record whose tasks they see. The user name is the email address.
/// </summary>
public sealed class UserRecord : IdentityUser
{
    /// <summary>ops, cs-lead, csm or viewer.</summary>
    public string Role { get; set; } = "viewer";
    /// <summary>For role csm: the CSM record (<c>/api/csms/{id}</c>) this person is.</summary>
    public string? CsmId { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>False once an ops user deactivated the account: no sign-in, every session ends.</summary>
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}
