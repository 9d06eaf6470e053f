namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>An account's stored document with its CSM as the CSM record has it now: what a unit of work builds an instance's account from.</summary>
public sealed record AccountRow(string Id, string Json, string? CsmId, string? CsmName, string? CsmEmail);
