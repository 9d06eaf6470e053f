import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useMe } from '../api/me';
import { reportError as adviceOf } from '../api/reports';
import type { PlaybookSummary } from '../api/types';
import { useGet } from '../hooks/useApi';
import { validatePlaybookId } from '../model/validation';
import { loadEditorChunk } from './EditorLoader';

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '—');

/** Every playbook: published version, draft state, accounts running per version, last change; and "new playbook". */
export function PlaybookList() {
  const list = useGet<PlaybookSummary[]>('/api/playbooks');
  const items = list.data;
  const navigate = useNavigate();
  const [newId, setNewId] = useState('');
  const [newName, setNewName] = useState('');
  const [touched, setTouched] = useState(false);
  const canDesign = useMe().me?.can.design ?? false;
  // The list leads to the editor: fetch its code while the user reads the list, so opening a playbook does not wait for it.
  useEffect(() => {
    const whenIdle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 300));
    whenIdle(() => { loadEditorChunk().catch(() => {}); });
  }, []);
  const idError = validatePlaybookId(newId) ?? (items?.some((p) => p.id === newId) ? 'a playbook with this id exists' : null);
  const create = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!idError) void navigate({ to: '/new/$id', params: { id: newId }, search: { name: newName } });
  };
  return (
    <main className="screen list">
      <h1>Playbooks</h1>
      {list.error && <p className="error-box" role="alert">{adviceOf(list.error)}</p>}
      {list.isPending && <p aria-busy="true">Loading…</p>}
      {items && items.length === 0 && (
        <div className="empty-state"><p><strong>No playbooks yet.</strong> {canDesign ? 'Create the first one below: give it an id and a name, then build it on the canvas.' : 'An ops user designs them; they appear here once saved.'}</p></div>
      )}
      {items && items.length > 0 && (
        <table className="table" data-testid="playbook-table">
          <thead><tr><th scope="col">Name</th><th scope="col">Published</th><th scope="col">Draft</th><th scope="col">Accounts running</th><th scope="col">Last change</th></tr></thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <td><Link to="/p/$id" params={{ id: p.id }}>{p.name}</Link> <code className="muted">{p.id}</code></td>
                <td>{p.latestVersion ? `v${p.latestVersion}` : <span className="muted">not published</span>}</td>
                <td>{p.hasDraft ? `draft (${when(p.draftUpdatedAt)})` : <span className="muted">none</span>}</td>
                <td>{p.running.length ? p.running.map((r) => `v${r.version}: ${r.count}`).join(', ') : <span className="muted">0</span>}
                  {p.running.length > 0 && <> · <Link to="/p/$id/runtime" params={{ id: p.id }}>runtime</Link></>}</td>
                <td>{when(p.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canDesign && <form className="card new-playbook" onSubmit={create} aria-labelledby="new-title">
        <h2 id="new-title">New playbook</h2>
        <div className="row">
          <div className="field">
            <label htmlFor="new-id">Id</label>
            <input id="new-id" value={newId} onChange={(e) => setNewId(e.target.value)} placeholder="novice-start" aria-invalid={touched && !!idError} aria-describedby="new-id-error" data-testid="new-id" />
            <p id="new-id-error" className="error">{touched && idError ? idError : ''}</p>
          </div>
          <div className="field">
            <label htmlFor="new-name">Name</label>
            <input id="new-name" value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="Novice start" data-testid="new-name" />
          </div>
          <button type="submit" className="primary" data-testid="new-create">Create and open</button>
        </div>
      </form>}
    </main>
  );
}
