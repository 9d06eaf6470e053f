using System.Text.Json.Nodes;
using CsPlaybooks.Success.Email;
using NodaTime;

namespace CsPlaybooks.Success.Tests.Email;

/// <summary>Consent, frequency cap and quiet hours together, as delivery applies them.</summary>
public sealed class EmailGovernanceTests
{
    private static readonly EmailGovernance Default = new(new EmailGovernanceOptions());
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly Instant MondayTen = Instant.FromUtc(2026, 3, 2, 9, 0); // 10:00 Berlin

    private static JsonObject Contact(JsonNode? digitalTouchConsent = null) => new()
    {
        ["id"] = "c1", ["email"] = "dana@example.com", ["role"] = "decision-maker",
        ["consent"] = digitalTouchConsent is null ? null : new JsonObject { ["digital-touch"] = digitalTouchConsent },
    };

    private static EmailCheck Check(string category, JsonObject? contact, params Instant[] sends) =>
        new(category, "dana@example.com", contact, Berlin, sends, MondayTen);

    [Fact]
    public void Decide_InsideWindowNoHistory_Sends() =>
        Assert.IsType<GovernanceDecision.Send>(Default.Decide(Check(EmailCategories.DigitalTouch, Contact())));

    [Theory]
    [InlineData("withdrawn")]
    [InlineData(false)]
    public void Decide_DigitalTouchConsentWithdrawn_Suppresses(object value)
    {
        var consent = value is bool b ? JsonValue.Create(b) : JsonValue.Create((string)value);
        var decision = Assert.IsType<GovernanceDecision.Suppress>(Default.Decide(Check(EmailCategories.DigitalTouch, Contact(consent))));
        Assert.Contains("withdrew consent for digital-touch", decision.Reason);
    }

    [Fact]
    public void Decide_OperationalWithDigitalTouchWithdrawn_Sends() =>
        Assert.IsType<GovernanceDecision.Send>(Default.Decide(Check(EmailCategories.Operational, Contact("withdrawn"))));

    [Fact]
    public void Decide_GrantedConsent_Sends() =>
        Assert.IsType<GovernanceDecision.Send>(Default.Decide(Check(EmailCategories.DigitalTouch, Contact("granted"))));

    [Fact]
    public void Decide_ContactGone_Suppresses() =>
        Assert.IsType<GovernanceDecision.Suppress>(Default.Decide(Check(EmailCategories.Operational, null)));

    [Fact]
    public void Decide_FourthDigitalTouchInSevenDays_DefersUntilOldestLeavesWindow_ThenNextOpening()
    {
        var sends = new[] { MondayTen - Duration.FromDays(6), MondayTen - Duration.FromDays(2), MondayTen - Duration.FromHours(1) };
        var decision = Assert.IsType<GovernanceDecision.Defer>(Default.Decide(Check(EmailCategories.DigitalTouch, Contact(), sends)));
        // The oldest send (Tue 10:00) leaves the 7-day window next Tuesday 10:00 Berlin, inside the send window.
        Assert.Equal(MondayTen + Duration.FromDays(1), decision.Until);
        Assert.Contains("frequency cap: 3 digital-touch emails", decision.Reason);
    }

    [Fact]
    public void Decide_SendsOlderThanWindow_DoNotCount()
    {
        var old = new[] { MondayTen - Duration.FromDays(8), MondayTen - Duration.FromDays(7), MondayTen - Duration.FromDays(1) };
        Assert.IsType<GovernanceDecision.Send>(Default.Decide(Check(EmailCategories.DigitalTouch, Contact(), old)));
    }

    [Fact]
    public void Decide_OperationalIsNeitherCappedNorCounted()
    {
        var sends = Enumerable.Range(1, 5).Select(i => MondayTen - Duration.FromHours(i)).ToArray();
        Assert.IsType<GovernanceDecision.Send>(Default.Decide(Check(EmailCategories.Operational, Contact(), sends)));
    }

    [Fact]
    public void Decide_CapFreesAtNight_DefersToNextMorning()
    {
        // Oldest send was Monday 2026-02-23 19:00 Berlin; it leaves the window Mon 2026-03-02 19:00, after hours.
        var sends = new[] { Instant.FromUtc(2026, 2, 23, 18, 0), MondayTen - Duration.FromDays(1), MondayTen - Duration.FromHours(2) };
        var decision = Assert.IsType<GovernanceDecision.Defer>(Default.Decide(Check(EmailCategories.DigitalTouch, Contact(), sends)));
        Assert.Equal(Instant.FromUtc(2026, 3, 3, 8, 0), decision.Until);
        Assert.Contains("frequency cap", decision.Reason);
        Assert.Contains("quiet hours", decision.Reason);
    }

    [Fact]
    public void Decide_OutsideQuietHours_DefersBothCategories()
    {
        var sunday = new EmailCheck(EmailCategories.Operational, "dana@example.com", Contact(), Berlin, [], Instant.FromUtc(2026, 3, 1, 12, 0));
        var decision = Assert.IsType<GovernanceDecision.Defer>(Default.Decide(sunday));
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 8, 0), decision.Until);
        Assert.Contains("quiet hours in Europe/Berlin", decision.Reason);
    }

    [Fact]
    public void Decide_ConfiguredCapAndHours_AreHonoured()
    {
        var governance = new EmailGovernance(new EmailGovernanceOptions
        {
            QuietHours = new QuietHoursOptions { Enabled = false },
            Cap = new FrequencyCapOptions { MaxEmails = 1, Window = TimeSpan.FromDays(1) },
        });
        var decision = Assert.IsType<GovernanceDecision.Defer>(governance.Decide(Check(EmailCategories.DigitalTouch, Contact(), MondayTen - Duration.FromHours(3))));
        Assert.Equal(MondayTen + Duration.FromHours(21), decision.Until);
        Assert.IsType<GovernanceDecision.Send>(new EmailGovernance(new EmailGovernanceOptions { Cap = new FrequencyCapOptions { MaxEmails = 0 } })
            .Decide(Check(EmailCategories.DigitalTouch, Contact(), MondayTen, MondayTen, MondayTen, MondayTen)));
    }

    [Fact]
    public void ContactConsent_Withdraw_MarksCategoryAndTime()
    {
        var contact = Contact();
        ContactConsent.Withdraw(contact, EmailCategories.DigitalTouch, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        Assert.True(ContactConsent.IsWithdrawn(contact, EmailCategories.DigitalTouch));
        Assert.True(ContactConsent.Allows(contact, EmailCategories.Operational));
        Assert.NotNull(contact["consentUpdatedAt"]);
    }
}
