namespace CsPlaybooks.Success.Accounts;

/// <summary>The vocabulary of the customer-success domain (DOMAIN.md §2, §7, §9).</summary>
public static class Lifecycle
{
    /// <summary>signing → onboarding → growth → maturity → at-risk → renewal → churned (and back through win-back).</summary>
    public static readonly string[] Stages = ["signing", "onboarding", "growth", "maturity", "at-risk", "renewal", "churned"];

    /// <summary>Importance by unit price and lifetime value: key account, ordinary, small &amp; micro.</summary>
    public static readonly string[] Tiers = ["KA", "ordinary", "micro"];

    public static readonly string[] ContactRoles = ["decision-maker", "project-lead", "key-user", "user"];

    public static readonly string[] ReasonKinds = ["renewal", "non-renewal", "churn"];

    /// <summary>The eight churn causes of DOMAIN.md §7, each with its remedy.</summary>
    public static readonly IReadOnlyDictionary<string, string> ChurnCauses = new Dictionary<string, string>
    {
        ["insufficient-product-value"] = "polish product value, more MVP tests",
        ["insufficient-service-value"] = "polish service value",
        ["unclear-usage-guidance"] = "improve guidance, re-train",
        ["no-incentive"] = "design the customer's incentive system",
        ["unclear-success-criteria"] = "re-establish criteria with the customer's senior management",
        ["decision-maker-not-involved"] = "meeting of both sides' executives, involve the decision-maker",
        ["product-too-complex"] = "simplify; a support plan",
        ["management-changed"] = "engage the new management, report on the work so far",
    };
}
