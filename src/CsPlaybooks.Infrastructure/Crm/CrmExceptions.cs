namespace CsPlaybooks.Infrastructure.Crm;

/// <summary>The CRM asked us to slow down (HTTP 429) or is briefly unavailable; try again after <see cref="RetryAfter"/>.</summary>
public sealed class CrmRetryLaterException(string message, TimeSpan? retryAfter) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The CRM refused the credentials (HTTP 401) or their scopes (403); the message names the setting to fix.</summary>
public sealed class CrmAccessException(string message) : Exception(message);
