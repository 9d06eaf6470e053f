using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Infrastructure.Surveys;
using CsPlaybooks.Success.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Email;

public static class EmailServices
{
    /// <summary>
    /// Templates (<c>Workflows:Templates</c>, default <c>&lt;Workflows:Directory&gt;/templates</c>), governance
    /// (<c>Email:QuietHours</c>, <c>Email:Cap</c>), the transport (<c>Email:Smtp</c>, else .eml files in
    /// <c>Email:PickupDirectory</c>), unsubscribe and survey links (<c>Surveys</c>), survey answers and the outbox handler for kind <c>email</c>.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection("Email"));
        services.Configure<EmailGovernanceOptions>(configuration.GetSection("Email"));
        var templates = configuration["Workflows:Templates"] is { Length: > 0 } t ? t : Path.Combine(configuration["Workflows:Directory"] ?? "workflows", "templates");
        services.AddSingleton<IEmailTemplateLibrary>(new FileEmailTemplateLibrary(templates));
        services.AddSingleton(sp => new EmailGovernance(sp.GetRequiredService<IOptions<EmailGovernanceOptions>>().Value));
        services.Configure<UnsubscribeOptions>(configuration.GetSection("Email"));
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<IEmailTransport>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            return string.IsNullOrWhiteSpace(o.Smtp.Host) ? new PickupDirectoryTransport(o.PickupDirectory) : new SmtpEmailTransport(o.Smtp);
        });
        services.Configure<SurveyOptions>(configuration.GetSection("Surveys"));
        services.AddSingleton<SurveyLinks>();
        services.AddSingleton<SurveyResponses>();
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<UnsubscribeService>();
        services.AddSingleton<IOutboxHandler, EmailDeliveryHandler>();
        return services;
    }
}
