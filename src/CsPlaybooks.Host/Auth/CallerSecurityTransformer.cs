using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// Declares both ways a caller is known in the OpenAPI document: the X-Api-Key header (systems) or the session cookie
/// (people signed in through the designer; state-changing calls then also need the X-CSRF-TOKEN header). Either will do.
/// </summary>
public sealed class CallerSecurityTransformer : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    public const string SessionScheme = "Session";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyAuthenticationHandler.Header,
            Description = "API key for systems; ops create keys in the designer (API keys) or configure Auth:ApiKeys",
        };
        document.Components.SecuritySchemes[SessionScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = AuthServices.SessionCookie,
            Description = $"Session cookie from POST /api/auth/login (or single sign-on); POST, PUT, PATCH and DELETE also need the {CookieAntiforgery.HeaderName} header from GET /api/auth/antiforgery",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SessionScheme, document)] = [] });
        return Task.CompletedTask;
    }
}
