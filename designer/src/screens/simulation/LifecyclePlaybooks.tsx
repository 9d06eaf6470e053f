import type { PlaybookSummary } from '../../api/types';

/** Which playbooks a whole-lifecycle run takes: every published one (default) or a chosen set, and the edited one's draft. */
export function LifecyclePlaybooks({ playbooks, currentId, chosen, useDraft, onChosen, onUseDraft }: {
  playbooks: PlaybookSummary[]; currentId: string; chosen: Set<string> | null; useDraft: boolean;
  onChosen(chosen: Set<string>): void; onUseDraft(useDraft: boolean): void;
}) {
  const current = playbooks.find((p) => p.id === currentId);
  const rows = playbooks.filter((p) => p.latestVersion > 0 || (p.id === currentId && p.hasDraft));
  const isChosen = (p: PlaybookSummary) => (chosen ? chosen.has(p.id) : p.latestVersion > 0 || (p.id === currentId && useDraft));
  const toggle = (p: PlaybookSummary, on: boolean) => {
    const next = new Set(rows.filter(isChosen).map((r) => r.id));
    if (on) next.add(p.id); else next.delete(p.id);
    onChosen(next);
  };
  return (
    <fieldset>
      <legend>Playbooks</legend>
      {rows.length === 0 && <p className="hint">No playbook is published yet, and this one has no saved draft.</p>}
      {current?.hasDraft && (
        <label className="check"><input type="checkbox" checked={useDraft} onChange={(e) => onUseDraft(e.target.checked)} data-testid="lifecycle-use-draft" />
          {' '}Run the saved draft of {current.name} {current.latestVersion > 0 ? `in place of version ${current.latestVersion}` : '(never published)'}</label>
      )}
      <ul className="plain-list lifecycle-choice">
        {rows.map((p) => (
          <li key={p.id}>
            <label><input type="checkbox" checked={isChosen(p)} onChange={(e) => toggle(p, e.target.checked)} />
              {' '}{p.name} <span className="hint">({p.id}, {p.id === currentId && p.hasDraft && (useDraft || p.latestVersion === 0) ? 'draft' : `v${p.latestVersion}`})</span></label>
          </li>
        ))}
      </ul>
      <p className="hint">Runs the saved versions: unsaved changes on the canvas are not included.</p>
    </fieldset>
  );
}
