namespace CsPlaybooks.Engine.Validation;

/// <summary>
/// The longest value each stored field may hold, in characters (UTF-16 code units, so a check here is never looser than
/// PostgreSQL's or SQL Server's count). The database columns are declared with these constants, and request and
/// playbook validation check against the same ones, so an over-long value is a 400 on every provider instead of a
/// failed commit on PostgreSQL. Listed in docs/limits.md.
/// </summary>
public static class FieldLimits
{
    /// <summary>Account ids, CSM ids, contact ids, playbook ids.</summary>
    public const int Id = 100;
    /// <summary>Step ids (journal, bookmarks, tasks, outbox, incidents).</summary>
    public const int StepId = 100;
    public const int AccountName = 300;
    public const int PlaybookName = 200;
    public const int CsmName = 200;
    /// <summary>Event names: posted events, event triggers, waitForEvent steps.</summary>
    public const int EventName = 200;
    /// <summary>The idempotency id a caller gives an event.</summary>
    public const int EventId = 200;
    /// <summary>The idempotency key a caller gives an enrolment.</summary>
    public const int EnrolmentKey = 400;
    /// <summary>An account field path as account history records it (a top-level key, or a setField path).</summary>
    public const int AccountField = 200;
    /// <summary>Email addresses (RFC 5321: 64 + 1 + 255).</summary>
    public const int EmailAddress = 320;
    /// <summary>A contact's or a sender's display name on an email.</summary>
    public const int DisplayName = 300;
    public const int EmailSubject = 1000;
    public const int TaskTitle = 500;
    public const int EmailTemplateName = 200;
    public const int GraphUserId = 200;
    /// <summary>A person's sign-in email (ASP.NET Core Identity's column).</summary>
    public const int PersonEmail = 256;
    /// <summary>A person's or an API key's role name.</summary>
    public const int Role = 30;
    /// <summary>A person's display name, an API key's name.</summary>
    public const int PersonName = 200;
    /// <summary>A password as typed (Identity's rules judge its strength; this only bounds the request).</summary>
    public const int Password = 256;
    /// <summary>A setup, invitation or reset link's token as the link carries it.</summary>
    public const int LinkToken = 200;

    /// <summary>A playbook's description (inside the definition; not a column, but kept readable).</summary>
    public const int PlaybookDescription = 4000;
    /// <summary>Free text a caller attaches (a cancel reason, a publish note, a renewal reason).</summary>
    public const int Note = 4000;

    /// <summary>An account document (the whole JSON, UTF-8). Every burst loads it, so it stays small.</summary>
    public const int AccountDocumentBytes = 256 * 1024;
    /// <summary>An event's <c>data</c>, an enrolment's <c>input</c>, a task completion's <c>result</c> (JSON, UTF-8).</summary>
    public const int PayloadBytes = 64 * 1024;
}
