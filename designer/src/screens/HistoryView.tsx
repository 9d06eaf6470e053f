import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { post } from '../api/client';
import { useMe } from '../api/me';
import { reportError as adviceOf } from '../api/reports';
import type { PlaybookDefinition, PlaybookDetail, VersionDetail, VersionSummary } from '../api/types';
import { ReadOnlyCanvas } from '../components/ReadOnlyCanvas';
import { useToast } from '../components/Toast';
import { useGet, useInvalidate } from '../hooks/useApi';
import { diffDefinitions, isEmptyDiff } from '../model/diff';
import { useEditor, useEditorStoreApi } from '../store/editorStore';

type Side = number | 'canvas';

/** Published versions: view one, diff any two (or a version against the canvas), revert a version into the draft. */
export function HistoryView({ id, detail, onReverted }: { id: string; detail: PlaybookDetail | null; onReverted(): void }) {
  const store = useEditorStoreApi();
  const stepTypes = useEditor((s) => s.stepTypes);
  const base = `/api/playbooks/${encodeURIComponent(id)}`;
  const list = useGet<VersionSummary[]>(`${base}/versions`);
  const versions = list.data;
  const [viewingVersion, setViewingVersion] = useState<number | null>(null);
  const [leftChoice, setLeft] = useState<Side | null>(null);
  const [right, setRight] = useState<Side>('canvas');
  const left = leftChoice ?? versions?.[0]?.version ?? null;
  // A published version never changes: each is fetched once and shared by the viewer and both sides of the diff.
  const versionOf = (side: Side | null) => (typeof side === 'number' ? `${base}/versions/${side}` : null);
  const view = useGet<VersionDetail>(versionOf(viewingVersion), { keepPrevious: false });
  const viewing = view.data;
  const leftVersion = useGet<VersionDetail>(versionOf(left), { keepPrevious: false }).data;
  const rightVersion = useGet<VersionDetail>(versionOf(right), { keepPrevious: false }).data;
  const toast = useToast((s) => s.show);
  const canRevert = useMe().me?.can.design ?? false;
  const navigate = useNavigate();
  const invalidate = useInvalidate();

  const definitionOf = (side: Side | null, loaded?: VersionDetail): PlaybookDefinition | undefined =>
    side === 'canvas' ? store.getState().toDefinition() : loaded?.definition;
  const a = definitionOf(left, leftVersion);
  const b = definitionOf(right, rightVersion);
  const diff = useMemo(() => (a && b ? diffDefinitions(a, b) : null), [a, b]);

  const revert = useMutation({
    mutationFn: (v: number) => post(`${base}/versions/${v}/revert`),
    onSuccess: (_, v) => {
      toast(`The draft is now a copy of version ${v}. Edit it, then publish it as a new version.`);
      void invalidate(base);
      onReverted();
      void navigate({ to: '/p/$id', params: { id } });
    },
    onError: (e) => toast(`Not reverted. ${adviceOf(e)}`, 'error'),
  });
  const confirmRevert = (v: number) => {
    const unsaved = store.getState().dirty ? ' Your unsaved changes on the canvas will be lost.' : '';
    if (window.confirm(`Replace the draft with a copy of version ${v}?${unsaved}`)) revert.mutate(v);
  };

  if (list.error) return <p className="error-box" role="alert">{adviceOf(list.error)}</p>;
  if (!versions) return <p aria-busy="true">Loading versions…</p>;
  const label = (side: Side) => (side === 'canvas' ? 'the canvas (current edits)' : `version ${side}`);
  return (
    <div className="history">
      <section className="panel versions" aria-label="Versions">
        <h2>Versions</h2>
        {versions.length === 0 ? (
          <p className="empty-state">Nothing published yet{detail?.hasDraft ? ': the draft is not live' : ''}. Use <strong>Publish…</strong> on the Design tab to make version 1.</p>
        ) : (
          <ol className="version-list" data-testid="versions">
            {versions.map((v) => (
              <li key={v.version} className={viewing?.version === v.version ? 'active' : ''}>
                <div><strong>v{v.version}</strong> {v.version === detail?.latestVersion && <span className="badge">latest</span>} <span className="muted">{new Date(v.publishedAt).toLocaleString()} · {v.publishedBy ?? 'unknown'}</span></div>
                <div>{v.note || <span className="muted">no note</span>}</div>
                <div className="muted">{Object.entries(v.instances).map(([k, n]) => `${n} ${k}`).join(', ') || 'no accounts ran it'}</div>
                <div className="row">
                  <button type="button" onClick={() => setViewingVersion(v.version)}>View</button>
                  {canRevert && <button type="button" onClick={() => confirmRevert(v.version)} disabled={revert.isPending}>Revert to this</button>}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="history-main">
        {versions.length > 0 && (
          <section className="card diff" aria-label="Compare versions" data-testid="diff">
            <h2>Compare</h2>
            <div className="row">
              <label>From <select value={String(left ?? '')} onChange={(e) => setLeft(e.target.value === 'canvas' ? 'canvas' : Number(e.target.value))} aria-label="Compare from">
                {versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}
                <option value="canvas">canvas</option>
              </select></label>
              <label>To <select value={String(right)} onChange={(e) => setRight(e.target.value === 'canvas' ? 'canvas' : Number(e.target.value))} aria-label="Compare to">
                {versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}
                <option value="canvas">canvas</option>
              </select></label>
            </div>
            {!diff ? <p aria-busy="true">Loading…</p> : isEmptyDiff(diff) ? <p>No differences between {label(left!)} and {label(right)}.</p> : (
              <ul className="diff-list">
                {diff.added.map((s) => <li key={`a${s.id}`} className="added">+ step <code>{s.id}</code> ({s.type}) added</li>)}
                {diff.removed.map((s) => <li key={`r${s.id}`} className="removed">− step <code>{s.id}</code> ({s.type}) removed</li>)}
                {diff.changed.map((c) => <li key={`c${c.id}`} className="changed">~ step <code>{c.id}</code> changed: {c.fields.join(', ')}</li>)}
                {diff.moved.length > 0 && <li className="muted">moved on the canvas: {diff.moved.join(', ')}</li>}
                {diff.connectionsAdded.map((c, i) => <li key={`ca${i}`} className="added">+ connection {c.from} —{c.outcome ?? 'done'}→ {c.to}</li>)}
                {diff.connectionsRemoved.map((c, i) => <li key={`cr${i}`} className="removed">− connection {c.from} —{c.outcome ?? 'done'}→ {c.to}</li>)}
                {diff.playbookFields.length > 0 && <li className="changed">~ playbook settings changed: {diff.playbookFields.join(', ')}</li>}
              </ul>
            )}
          </section>
        )}
        {view.error && <p className="error-box" role="alert">{adviceOf(view.error)}</p>}
        {viewing && (
          <section className="card version-view" aria-label={`Version ${viewing.version}`}>
            <div className="row"><h2>Version {viewing.version}</h2><span className="grow" /><button type="button" onClick={() => setViewingVersion(null)}>Close</button></div>
            <div className="canvas-wrap small"><ReadOnlyCanvas key={viewing.version} definition={viewing.definition} stepTypes={stepTypes} label={`Version ${viewing.version}, read only`} /></div>
            <details><summary>JSON</summary><pre>{JSON.stringify(viewing.definition, null, 2)}</pre></details>
          </section>
        )}
      </section>
    </div>
  );
}
