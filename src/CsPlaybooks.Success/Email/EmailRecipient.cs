using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Time;
using NodaTime;

namespace CsPlaybooks.Success.Email;

/// <summary>Who an email goes to as the account holds it at delivery time: the contact (by id, else by address) and their zone.</summary>
public static class EmailRecipient
{
    public static JsonObject? FindContact(JsonArray? contacts, string? contactId, string address) =>
        contacts?.OfType<JsonObject>().FirstOrDefault(c => contactId is not null
            ? (string?)c["id"] == contactId
            : string.Equals(((string?)c["email"])?.Trim(), address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The contact's <c>timeZone</c>, else the account's.</summary>
    public static DateTimeZone ZoneOf(JsonObject? contact, DateTimeZone accountZone) =>
        contact?["timeZone"] is JsonValue tz && TimeZones.TryGet((string?)tz, out var zone) ? zone : accountZone;
}
