using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Steps;

namespace CsPlaybooks.Success.Tests.Steps;

public sealed class DataStepTests
{
    private static readonly PlaybookCompiler Compiler = new(StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies()));
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static (BurstResult Burst, InstanceContext Context) Run(JsonArray steps, JsonObject? account = null)
    {
        var connections = new JsonArray();
        for (var i = 0; i + 1 < steps.Count; i++) connections.Add(new JsonObject { ["from"] = (string)steps[i]!["id"]!, ["to"] = (string)steps[i + 1]!["id"]! });
        var compiled = Compiler.Compile(new JsonObject { ["id"] = "data", ["steps"] = steps, ["connections"] = connections }.ToJsonString());
        Assert.True(compiled.IsValid, string.Join("; ", compiled.Errors));
        var document = AccountDocument.Read("a1", account ?? new JsonObject { ["name"] = "Acme", ["stage"] = "onboarding" }).Account!;
        var context = new InstanceContext(Guid.NewGuid(), "a1", document.Zone, Now, document.ToTemplateModel());
        return (new PlaybookInterpreter().Start(compiled.Playbook!, context), context);
    }

    private static IReadOnlyList<Engine.Definitions.DefinitionError> Errors(JsonObject step) =>
        Compiler.Compile(new JsonObject { ["id"] = "data", ["steps"] = new JsonArray(step) }.ToJsonString()).Errors;

    [Fact]
    public void SetStage_RecordsChangeWithOldValueAndReason_AndLaterStepsSeeIt()
    {
        var (burst, _) = Run(new JsonArray(
            new JsonObject { ["id"] = "grow", ["type"] = "setStage", ["stage"] = "growth", ["reason"] = "handed to CSM" },
            new JsonObject { ["id"] = "check", ["type"] = "branch", ["condition"] = "account.stage == \"growth\"" }));
        var change = Assert.Single(burst.AccountChanges);
        Assert.Equal(("grow", "stage", "onboarding", "growth", "handed to CSM"), (change.StepId, change.Field, (string?)change.OldValue, (string?)change.NewValue, change.Reason));
        Assert.Contains(burst.Journal, j => j.StepId == "check" && (string?)j.Detail?["outcome"] == "true");
    }

    [Fact]
    public void SetStage_SameStage_ChangesNothing()
    {
        var (burst, _) = Run(new JsonArray(new JsonObject { ["id"] = "again", ["type"] = "setStage", ["stage"] = "onboarding" }));
        Assert.Empty(burst.AccountChanges);
    }

    [Fact]
    public void SetStage_UnknownStage_IsValidationError() =>
        Assert.Contains(Errors(new JsonObject { ["id"] = "s", ["type"] = "setStage", ["stage"] = "teenage" }), e => e.StepId == "s" && e.Field == "stage");

    [Theory]
    [InlineData("12", "12")]
    [InlineData("true", "true")]
    [InlineData("007", "\"007\"")]
    [InlineData("0.5", "0.5")]
    [InlineData("kick-off held", "\"kick-off held\"")]
    public void SetField_KeepsNumbersAndBooleans_TextStaysText(string value, string json)
    {
        var (burst, _) = Run(new JsonArray(new JsonObject { ["id"] = "f", ["type"] = "setField", ["field"] = "onboarding.kickoff", ["value"] = value }));
        Assert.Equal(json, burst.AccountChanges.Single().NewValue!.ToJsonString());
        Assert.Equal("onboarding.kickoff", burst.AccountChanges.Single().Field);
    }

    [Theory]
    [InlineData("stage")]
    [InlineData("csmId")]
    [InlineData("contract.end")]
    [InlineData("a..b")]
    public void SetField_ProtectedOrBadPath_IsValidationError(string field) =>
        Assert.Contains(Errors(new JsonObject { ["id"] = "f", ["type"] = "setField", ["field"] = field, ["value"] = "x" }), e => e.Field == "field");

    [Fact]
    public void RecordReason_Churn_KnownCause_StoredUnderReasons()
    {
        var (burst, _) = Run(new JsonArray(new JsonObject { ["id"] = "why", ["type"] = "recordReason", ["kind"] = "churn", ["cause"] = "'management-changed'", ["note"] = "new CEO" }));
        var change = burst.AccountChanges.Single();
        Assert.Equal("reasons.churn", change.Field);
        Assert.Equal("management-changed", (string?)change.NewValue!["cause"]);
        Assert.Equal("new CEO", (string?)change.NewValue!["note"]);
    }

    [Fact]
    public void RecordReason_UnknownChurnCause_FaultsTheStep()
    {
        var (burst, _) = Run(new JsonArray(new JsonObject { ["id"] = "why", ["type"] = "recordReason", ["kind"] = "churn", ["cause"] = "'bad weather'" }));
        Assert.Equal(InstanceStatus.Faulted, burst.State.Status);
        Assert.Equal("why", burst.State.FaultedStepId);
        Assert.Contains("not one of the churn causes", burst.State.FaultMessage);
        Assert.Empty(burst.AccountChanges);
    }

    [Fact]
    public void AccountDocument_BadContactRoleAndEmail_AreReportedByField()
    {
        var (_, errors) = AccountDocument.Read("a", new JsonObject
        {
            ["name"] = "A", ["tier"] = "gold",
            ["contacts"] = new JsonArray(new JsonObject { ["email"] = "nobody", ["role"] = "boss" }),
        });
        Assert.Contains(errors, e => e.Field == "tier");
        Assert.Contains(errors, e => e.Field == "contacts[0].email");
        Assert.Contains(errors, e => e.Field == "contacts[0].role");
    }
}

public sealed class HandoverPacketTests
{
    private static JsonObject Complete(bool isNew) => new()
    {
        ["name"] = "Acme", ["isNew"] = isNew,
        ["contract"] = new JsonObject { ["start"] = "2026-01-01", ["end"] = "2027-01-01" },
        ["contacts"] = new JsonArray(
            new JsonObject { ["email"] = "d@acme.example", ["role"] = "decision-maker" },
            new JsonObject { ["email"] = "k@acme.example", ["role"] = "key-user" }),
        ["handover"] = new JsonObject { ["situation"] = "spreadsheets", ["problems"] = new JsonArray("slow quotes"), ["implementationPlan"] = "pilot then roll-out" },
    };

    [Fact]
    public void Missing_NewCustomerWithAllItems_IsComplete() => Assert.Empty(HandoverPacket.Missing(Complete(isNew: true)));

    [Fact]
    public void Missing_OldCustomer_AlsoNeedsProgressAndUsage()
    {
        Assert.Equal(["plan-progress", "current-usage"], HandoverPacket.Missing(Complete(isNew: false)).Select(m => m.Key));
        var withProgress = Complete(isNew: false);
        withProgress["handover"]!["planProgress"] = "pilot done";
        withProgress["health"] = new JsonObject { ["score"] = 80 };
        Assert.Empty(HandoverPacket.Missing(withProgress));
    }

    [Fact]
    public void Missing_NoKeyUserAndEmptyPlan_Listed()
    {
        var account = Complete(isNew: true);
        account["contacts"]!.AsArray().RemoveAt(1);
        account["handover"]!["implementationPlan"] = " ";
        Assert.Equal(["key-users", "implementation-plan"], HandoverPacket.Missing(account).Select(m => m.Key));
    }
}
