namespace CsPlaybooks.Host.Apis;

// The bodies of /api/auth (docs/auth.md).

/// <summary>How people may sign in: with a password, and through the configured single sign-on provider.</summary>
public sealed record SignInProviders(bool Password, bool SetupRequired, IReadOnlyList<ExternalProvider> External);

public sealed record ExternalProvider(string Id, string DisplayName, string SignInUrl);

/// <summary>The token to send as <c>headerName</c> on state-changing requests made with the session cookie.</summary>
public sealed record AntiforgeryToken(string? Token, string HeaderName);

public sealed record SignedIn(AuthApi.UserView User);

public sealed record LoginBody(string Email, string Password);

public sealed record PasswordChangeBody(string CurrentPassword, string NewPassword);

public sealed record SetupBody(string Token, string Email, string Password, string? DisplayName);

public sealed record AcceptInvitationBody(string Token, string Password);

public sealed record PasswordResetRequestBody(string Email);

public sealed record PasswordResetBody(string Token, string Password);

/// <summary>A sign-in link that is still good, and until when.</summary>
public sealed record LinkValidity(DateTimeOffset ExpiresAt);

public sealed record InvitationView(string? Email, string? DisplayName, string Role, DateTimeOffset ExpiresAt);

public sealed record ResetLinkView(string? Email, DateTimeOffset ExpiresAt);
