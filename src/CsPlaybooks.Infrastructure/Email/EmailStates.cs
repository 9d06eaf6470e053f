namespace CsPlaybooks.Infrastructure.Email;

/// <summary>
/// States of an email (the <c>emails</c> table): <c>queued</c> (waiting for delivery or retrying after a transport
/// error), <c>deferred</c> (quiet hours or frequency cap; reason and until set), <c>sending</c> (handed to the
/// transport, outcome being recorded), <c>sent</c>, <c>failed</c> (permanent error or out of attempts) and
/// <c>suppressed</c> (consent withdrawn or contact gone; never sent).
/// </summary>
public static class EmailStates
{
    public const string Queued = "queued";
    public const string Deferred = "deferred";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Suppressed = "suppressed";
    public static readonly string[] All = [Queued, Deferred, Sending, Sent, Failed, Suppressed];
}
