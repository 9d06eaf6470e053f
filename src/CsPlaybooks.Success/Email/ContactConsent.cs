using System.Text.Json;
using System.Text.Json.Nodes;

namespace CsPlaybooks.Success.Email;

/// <summary>
/// A contact's consent per email category: <c>"consent": { "digital-touch": "withdrawn" }</c>. A category is withdrawn
/// when its value is <c>"withdrawn"</c> or <c>false</c>; absent, <c>"granted"</c> or <c>true</c> mean not withdrawn.
/// Operational mail is always allowed, whatever the consent says.
/// </summary>
public static class ContactConsent
{
    public const string Withdrawn = "withdrawn";

    public static bool IsWithdrawn(JsonObject? contact, string category)
    {
        if (contact?["consent"] is not JsonObject consent || consent[category] is not JsonValue value) return false;
        return value.GetValueKind() switch
        {
            JsonValueKind.False => true,
            JsonValueKind.String => string.Equals(value.GetValue<string>(), Withdrawn, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    public static bool Allows(JsonObject? contact, string category) =>
        category == EmailCategories.Operational || !IsWithdrawn(contact, category);

    /// <summary>Marks the category withdrawn on the contact (the one-click unsubscribe).</summary>
    public static void Withdraw(JsonObject contact, string category, DateTimeOffset at)
    {
        if (contact["consent"] is not JsonObject consent) contact["consent"] = consent = new JsonObject();
        consent[category] = Withdrawn;
        contact["consentUpdatedAt"] = at.ToString("O");
    }
}
