using System.Text;
using CsPlaybooks.Host.Apis;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Limits;

/// <summary>The body limit that applies to the current request (set by <see cref="BodySizeLimits"/>).</summary>
public sealed record BodyLimit(BodySize Size, long Bytes)
{
    public bool IsExceededBy(string text) => Encoding.UTF8.GetByteCount(text) > Bytes;
}

/// <summary>Per-endpoint request body limits: endpoints name their <see cref="BodySize"/>; the middleware enforces it.</summary>
public static class BodySizeLimits
{
    private sealed record Marker(BodySize Size);

    /// <summary>
    /// The limits from configuration, and a body the server stopped reading (Kestrel's BadHttpRequestException, e.g. a
    /// chunked body past the limit or a broken chunk) answered with its own status (413, 400) instead of 500.
    /// </summary>
    public static IServiceCollection AddBodySizeLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BodySizeOptions>().Bind(configuration.GetSection(BodySizeOptions.Section))
            .Validate(o => o.Default > 0 && o.Playbook > 0 && o.Import > 0, $"every {BodySizeOptions.Section} limit must be a positive number of bytes")
            .ValidateOnStart();
        services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : 500);
        return services;
    }

    /// <summary>A 413 the server raised while the handler read the body gets the same explanation as one we answer ourselves.</summary>
    public static void Explain(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.HttpContext.Features.Get<BodyLimit>() is { } limit)
        {
            context.ProblemDetails.Title = Problems.TooLargeTitle;
            context.ProblemDetails.Detail = Problems.TooLargeDetail(limit);
        }
    }

    public static TBuilder WithBodySize<TBuilder>(this TBuilder builder, BodySize size) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Marker(size));

    /// <summary>
    /// A declared Content-Length over the limit is answered 413 at once. Otherwise the server is told the limit (Kestrel then
    /// stops a chunked body at it, and may go past its own 30 MB default for imports), and <see cref="RequestBody"/> checks
    /// what it read, for servers that cannot limit.
    /// </summary>
    public static IApplicationBuilder UseBodySizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var size = context.GetEndpoint()?.Metadata.GetMetadata<Marker>()?.Size ?? BodySize.Default;
        var limit = new BodyLimit(size, context.RequestServices.GetRequiredService<IOptions<BodySizeOptions>>().Value.For(size));
        context.Features.Set(limit);
        if (context.Request.ContentLength > limit.Bytes)
        {
            await Problems.TooLarge(limit).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server) server.MaxRequestBodySize = limit.Bytes;
        await next(context);
    });
}
