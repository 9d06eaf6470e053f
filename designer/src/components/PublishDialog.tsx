import { useEffect, useRef, useState, type ReactNode } from 'react';

/** Asks for the version note, then publishes (saving the draft first when needed). `children`: what the new version changes. */
export function PublishDialog({ open, busy, onCancel, onPublish, nextVersion, dirty, children }: {
  open: boolean; busy: boolean; nextVersion: number; dirty: boolean; onCancel(): void; onPublish(note: string): void; children?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) { setNote(''); d.showModal(); } else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} onCancel={(e) => { e.preventDefault(); onCancel(); }} aria-labelledby="publish-title" className="dialog">
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); onPublish(note.trim()); }}>
        <h2 id="publish-title">Publish version {nextVersion}</h2>
        <p>New enrolments will use version {nextVersion}. Accounts already running stay on their version until you migrate them.{dirty ? ' Unsaved changes are saved first.' : ''}</p>
        {children}
        <label htmlFor="publish-note">What changed (shown in the version history)</label>
        <textarea id="publish-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} autoFocus data-testid="publish-note" />
        <div className="row end">
          <button type="button" onClick={onCancel}>Cancel</button>
          <button type="submit" className="primary" disabled={busy} data-testid="publish-confirm">{busy ? 'Publishing…' : `Publish version ${nextVersion}`}</button>
        </div>
      </form>
    </dialog>
  );
}
