using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CsPlaybooks.Host.Auth;

/// <summary>Request limits on <c>/api</c> (configuration section <c>RateLimits</c>), per minute, in fixed one-minute windows.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Per signed-in person or per API key. Default 6,000 (100 a second on average).</summary>
    public int PermitsPerMinute { get; set; } = 6000;
    /// <summary>Per client address for calls without a session or key (sign-in, links). Default 300.</summary>
    public int AnonymousPermitsPerMinute { get; set; } = 300;
}

/// <summary>
/// One limiter partition per caller: a person (user id), a key (its id), else the client's address. Over the limit:
/// 429 problem details with <c>Retry-After</c> (seconds).
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var o = configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!context.Request.Path.StartsWithSegments("/api")) return RateLimitPartition.GetNoLimiter("");
                var (partition, permits) = PartitionOf(context.User) is { } caller
                    ? (caller, o.PermitsPerMinute)
                    : ("ip:" + context.Connection.RemoteIpAddress, o.AnonymousPermitsPerMinute);
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, ct) =>
            {
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many requests",
                    detail: $"this caller made more than its requests per minute (RateLimits); retry after {seconds} s").ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    private static string? PartitionOf(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        return user.FindFirstValue(CallerClaims.KeyId) is { } key ? "key:" + key
            : user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id
            : null;
    }
}
