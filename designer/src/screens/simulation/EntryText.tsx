/** What a simulation timeline entry says: kind, step, summary and its details (the line's time and marks are the caller's). */
export function EntryText({ type, stepId, summary, detail }: { type: string; stepId?: string | null; summary: string; detail?: unknown }) {
  return (
    <>
      <span className="badge">{type}</span>
      {stepId && <code>{stepId}</code>}
      <span className="summary">{summary}</span>
      {detail != null && <details><summary>details</summary><pre>{JSON.stringify(detail, null, 2)}</pre></details>}
    </>
  );
}
