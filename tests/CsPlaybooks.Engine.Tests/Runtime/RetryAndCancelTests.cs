using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Runtime;

public class RetryAndCancelTests
{
    private static CompiledPlaybook WaitForRenewalDate() => Compile(Playbook(
        """
        { "id": "prepare", "type": "setVariable", "variable": "prepared", "value": "yes" },
        { "id": "until", "type": "waitUntil", "date": "account.renewal" }
        """,
        """{ "from": "prepare", "to": "until" }"""));

    private static JsonObject AccountWithRenewal(string renewal)
    {
        var account = Account();
        account["renewal"] = renewal;
        return account;
    }

    [Fact]
    public void Retry_FaultedInstance_RerunsTheFailedStepOnly()
    {
        var playbook = WaitForRenewalDate();
        var faulted = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        var retried = Interpreter.Retry(playbook, Context(Utc(2026, 1, 2), account: AccountWithRenewal("2026-06-01")), faulted.State);

        Assert.Equal(InstanceStatus.Faulted, faulted.State.Status);
        Assert.Equal("until", faulted.State.FaultedStepId);
        Assert.Equal(InstanceStatus.Running, retried.State.Status);
        Assert.Null(retried.State.FaultedStepId);
        Assert.Null(retried.State.FaultMessage);
        Assert.Equal("until", Assert.Single(Entries(retried, JournalKinds.Retried)).StepId);
        Assert.Equal("until", Assert.Single(Entries(retried, JournalKinds.StepWaiting)).StepId);
        Assert.Empty(CompletedStepIds(retried));
        Assert.Equal(Utc(2026, 6, 1), SingleBookmark(retried).DueAt);
    }

    [Fact]
    public void Retry_StillFailing_FaultsAgainAtTheSameStep()
    {
        var playbook = WaitForRenewalDate();
        var faulted = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        var retried = Interpreter.Retry(playbook, Context(Utc(2026, 1, 2)), faulted.State);

        Assert.Equal(InstanceStatus.Faulted, retried.State.Status);
        Assert.Equal("until", retried.State.FaultedStepId);
    }

    [Fact]
    public void Retry_InstanceNotFaulted_IsANoOp()
    {
        var playbook = WaitForRenewalDate();
        var running = Interpreter.Start(playbook, Context(Utc(2026, 1, 1), account: AccountWithRenewal("2026-06-01")));

        var retried = Interpreter.Retry(playbook, Context(Utc(2026, 1, 2)), running.State);

        Assert.False(retried.Changed);
    }

    [Fact]
    public void Cancel_WaitingInstance_RemovesBookmarksAndJournalsTheReason()
    {
        var playbook = WaitForRenewalDate();
        var running = Interpreter.Start(playbook, Context(Utc(2026, 1, 1), account: AccountWithRenewal("2026-06-01")));
        var bookmark = SingleBookmark(running);

        var cancelled = Interpreter.Cancel(playbook, Context(Utc(2026, 1, 2)), running.State, "account churned");

        Assert.Equal(InstanceStatus.Cancelled, cancelled.State.Status);
        Assert.Empty(cancelled.State.Bookmarks);
        Assert.Empty(cancelled.State.Tokens);
        Assert.Equal([bookmark], cancelled.RemovedBookmarks);
        Assert.Equal("account churned", Assert.Single(Entries(cancelled, JournalKinds.Cancelled)).Summary);
        Assert.Single(running.State.Bookmarks);
    }

    [Fact]
    public void Cancel_AlreadyCancelled_IsANoOp()
    {
        var playbook = WaitForRenewalDate();
        var running = Interpreter.Start(playbook, Context(Utc(2026, 1, 1), account: AccountWithRenewal("2026-06-01")));
        var cancelled = Interpreter.Cancel(playbook, Context(Utc(2026, 1, 2)), running.State, "first");

        var again = Interpreter.Cancel(playbook, Context(Utc(2026, 1, 3)), cancelled.State, "second");

        Assert.False(again.Changed);
    }
}
