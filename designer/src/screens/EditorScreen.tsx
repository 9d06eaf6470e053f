import { Link, useNavigate } from '@tanstack/react-router';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { adviceOf, ApiError, get, post, put } from '../api/client';
import { useMe } from '../api/me';
import { getPrefetched } from '../api/prefetch';
import { loadStepTypes } from '../api/stepTypes';
import type { PlaybookDefinition, PlaybookDetail } from '../api/types';
import { ReadOnlyCanvas } from '../components/ReadOnlyCanvas';
import { useToast } from '../components/Toast';
import { createEditorStore, EditorStoreContext, useEditor, useEditorStoreApi } from '../store/editorStore';
import { playbookPath } from './EditorLoader';
import { DesignView } from './DesignView';
import { HistoryView } from './HistoryView';
import { RuntimeView } from './RuntimeView';
import { SimulationView } from './SimulationView';

// The forecast's charts (ECharts) load with the Forecast tab, not with the editor.
const ForecastView = lazy(() => import('./forecast/ForecastView').then((m) => ({ default: m.ForecastView })));

export type EditorTab = 'design' | 'history' | 'simulate' | 'forecast' | 'runtime';
const TABS: { tab: EditorTab; title: string }[] = [
  { tab: 'design', title: 'Design' }, { tab: 'history', title: 'Versions' }, { tab: 'simulate', title: 'Simulate' }, { tab: 'forecast', title: 'Forecast' },
  { tab: 'runtime', title: 'Runtime' },
];

const TAB_PATHS = {
  design: '/p/$id', history: '/p/$id/history', simulate: '/p/$id/simulate', forecast: '/p/$id/forecast', runtime: '/p/$id/runtime',
} as const satisfies Record<EditorTab, string>;

/** One playbook: load it (draft, else latest published), and the tabs around the shared editor store. */
export function EditorScreen({ id, tab, newName }: { id: string; tab: EditorTab; newName?: string }) {
  const [store] = useState(createEditorStore);
  const [detail, setDetail] = useState<PlaybookDetail | null>(null);
  const [isNew, setIsNew] = useState(newName !== undefined);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const { me } = useMe();
  const navigate = useNavigate();
  const canDesign = me?.can.design ?? false;

  const reload = useCallback(async (replaceCanvas: boolean) => {
    try {
      // Palette and playbook load in parallel.
      const detailRequest = newName !== undefined && isNew ? null : getPrefetched<PlaybookDetail>(playbookPath(id));
      detailRequest?.catch(() => {});
      const types = await loadStepTypes();
      store.getState().setStepTypes(types);
      if (newName !== undefined && isNew) {
        const known = await get<PlaybookDetail>(playbookPath(id)).catch((e) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e)));
        if (known) { setError(`A playbook with the id "${id}" already exists. Open it from the list, or go back and choose another id.`); return; }
        store.getState().load({ id, name: newName || id, trigger: { type: 'manual' }, enrolment: { reentry: 'afterExit', holdoutPercent: 0 }, steps: [], connections: [] });
        setLoaded(true);
        return;
      }
      const d = await detailRequest!;
      setDetail(d);
      if (replaceCanvas) {
        const definition = d.draft ?? d.published;
        if (definition) store.getState().load(definition);
      }
      setLoaded(true);
    } catch (e) {
      setError(e instanceof ApiError ? (e.status === 404 ? `There is no playbook "${id}". Go back to the list and pick one.` : e.advice) : String(e));
    }
  }, [id, isNew, newName, store]);

  useEffect(() => { void reload(true); }, [reload]);

  const onSaved = useCallback((created: boolean) => {
    if (created) { setIsNew(false); void navigate({ to: '/p/$id', params: { id }, replace: true }); }
    void reload(false);
  }, [id, navigate, reload]);

  if (isNew && !canDesign) return <main className="screen"><p className="error-box" role="alert">Your role ({me?.role}) may not create playbooks: that needs the ops role.</p><Link to="/">← Playbooks</Link></main>;
  if (error) return <main className="screen"><p className="error-box" role="alert">{error}</p><Link to="/">← Playbooks</Link></main>;
  if (!loaded) return <main className="screen"><p aria-busy="true">Loading {id}…</p></main>;

  return (
    <EditorStoreContext.Provider value={store}>
      <main className="editor">
        <EditorHeader id={id} detail={detail} isNew={isNew} tab={tab} canDesign={canDesign} />
        {tab === 'design' && !canDesign && <ReadOnlyDesign role={me?.role} />}
        {tab === 'design' && canDesign && <ReactFlowProvider><DesignView id={id} isNew={isNew} detail={detail} onSaved={onSaved} /></ReactFlowProvider>}
        {tab === 'history' && !isNew && <HistoryView id={id} detail={detail} onReverted={() => reload(true)} />}
        {tab === 'simulate' && !canDesign && <p className="empty-state">Simulating a playbook needs the ops role.</p>}
        {tab === 'simulate' && canDesign && <SimulationView id={id} isNew={isNew} />}
        {tab === 'forecast' && !canDesign && <p className="empty-state">Forecasting a playbook needs the ops role.</p>}
        {tab === 'forecast' && canDesign && !isNew && <Suspense fallback={<p aria-busy="true">Loading the forecast…</p>}><ForecastView id={id} detail={detail} /></Suspense>}
        {tab === 'runtime' && !isNew && <RuntimeView id={id} detail={detail} />}
        {isNew && (tab === 'history' || tab === 'forecast' || tab === 'runtime') && <p className="empty-state">Save the playbook first: versions and runtime exist once it is on the server.</p>}
      </main>
    </EditorStoreContext.Provider>
  );
}

function EditorHeader({ id, detail, isNew, tab, canDesign }: { id: string; detail: PlaybookDetail | null; isNew: boolean; tab: EditorTab; canDesign: boolean }) {
  const { name, dirty } = useEditor((s) => ({ name: s.meta.name, dirty: s.dirty }));
  const state = isNew ? 'new, not saved yet'
    : detail ? [detail.latestVersion ? `published v${detail.latestVersion}` : 'not published', detail.hasDraft ? 'draft saved' : null].filter(Boolean).join(' · ') : '';
  return (
    <header className="editor-head">
      <Link to="/" className="back" activeOptions={{ includeHash: true }}>← Playbooks</Link>
      <h1>{name || id}</h1>
      <span className="state" data-testid="playbook-state">{state}{dirty ? ' · unsaved changes' : ''}</span>
      <nav className="tabs" aria-label="Playbook views">
        {TABS.filter((t) => canDesign || (t.tab !== 'simulate' && t.tab !== 'forecast')).map((t) => (
          <Link key={t.tab} to={TAB_PATHS[t.tab]} params={{ id }} activeOptions={{ exact: true, includeSearch: false }}
            aria-current={t.tab === tab ? 'page' : undefined} className={t.tab === tab ? 'active' : ''}
            onClick={(e) => { if (isNew) { e.preventDefault(); useToast.getState().show('Save the playbook first.', 'error'); } }}>{t.title}</Link>
        ))}
      </nav>
    </header>
  );
}

/** The design tab for a role that may not change playbooks: the playbook on a read-only canvas. */
function ReadOnlyDesign({ role }: { role?: string }) {
  const store = useEditorStoreApi();
  const stepTypes = useEditor((s) => s.stepTypes);
  const [definition] = useState(() => store.getState().toDefinition());
  return (
    <section className="workspace read-only" aria-label="Playbook (read-only)">
      <p className="notice" role="status" data-testid="read-only">Read-only: your role ({role}) can look at playbooks but not change them. Changes need the ops role.</p>
      <div className="canvas-wrap"><ReadOnlyCanvas definition={definition} stepTypes={stepTypes} label="Playbook steps (read-only)" /></div>
    </section>
  );
}

/** Saves the canvas: POST (create) for a new playbook, else PUT draft. Problems from the server land on the nodes. */
export async function saveDefinition(id: string, isNew: boolean, definition: PlaybookDefinition, setProblems: (p: ApiError['problems']) => void): Promise<boolean> {
  const toast = useToast.getState();
  try {
    if (isNew) await post('/api/playbooks', definition);
    else await put(`/api/playbooks/${encodeURIComponent(id)}/draft`, definition);
    setProblems([]);
    toast.show(isNew ? 'Playbook created; the draft is saved.' : 'Draft saved.');
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.problems.length) {
      setProblems(e.problems);
      toast.show(`Not saved: fix the ${e.problems.length} problem${e.problems.length === 1 ? '' : 's'} listed under the canvas (click one to go to its step).`, 'error');
    } else toast.show(`Not saved. ${adviceOf(e)}`, 'error');
    return false;
  }
}
