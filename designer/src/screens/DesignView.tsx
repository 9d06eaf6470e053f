import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { adviceOf, ApiError, post } from '../api/client';
import type { PlaybookDetail } from '../api/types';
import { Canvas } from '../components/Canvas';
import { Palette } from '../components/Palette';
import { ProblemsList } from '../components/ProblemsList';
import { PropertiesPanel } from '../components/PropertiesPanel';
import { PublishDialog } from '../components/PublishDialog';
import { PublishForecast } from './forecast/PublishForecast';
import { useToast } from '../components/Toast';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts';
import { useFitAll } from '../hooks/useFitAll';
import { useLiveValidation } from '../hooks/useLiveValidation';
import { usePaletteDrag } from '../hooks/usePaletteDrag';
import { freePosition, NODE_HEIGHT, NODE_WIDTH } from '../model/layout';
import { useEditor, useEditorStoreApi } from '../store/editorStore';
import { saveDefinition } from './EditorScreen';

/** The editor: palette, canvas with toolbar and problems, properties. */
export function DesignView({ id, isNew, detail, onSaved }: { id: string; isNew: boolean; detail: PlaybookDetail | null; onSaved(created: boolean): void }) {
  const store = useEditorStoreApi();
  const flow = useReactFlow();
  const fitAll = useFitAll();
  const canvasRef = useRef<HTMLDivElement>(null);
  const status = useLiveValidation();
  const toast = useToast((s) => s.show);
  const [busy, setBusy] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const s = useEditor((x) => ({
    stepTypes: x.stepTypes, trigger: x.meta.trigger?.type, dirty: x.dirty, canUndo: x.past.length > 0, canRedo: x.future.length > 0,
    hasSelection: x.nodes.some((n) => n.selected) || x.edges.some((e) => e.selected), canPaste: !!x.clipboard, empty: x.nodes.length === 0,
  }));

  const addAt = useCallback((type: string, clientX: number, clientY: number) => {
    const p = flow.screenToFlowPosition({ x: clientX, y: clientY });
    store.getState().addStep(type, { x: p.x - NODE_WIDTH / 2, y: p.y - 20 });
  }, [flow, store]);

  const onDrop = useCallback((type: string, x: number, y: number) => {
    const target = document.elementFromPoint(x, y);
    if (canvasRef.current && target && canvasRef.current.contains(target)) addAt(type, x, y);
  }, [addAt]);
  const { ghost, onPointerDown, suppressClick } = usePaletteDrag(onDrop);

  /** A click or Enter on a palette entry: the step goes to the first free place from the view's centre down, and is kept in view. */
  const addAtCentre = useCallback((type: string) => {
    if (suppressClick.current) return;
    const r = canvasRef.current!.getBoundingClientRect();
    const centre = flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    const p = freePosition(store.getState().nodes, { x: centre.x - NODE_WIDTH / 2, y: centre.y - 20 });
    store.getState().addStep(type, p);
    const topLeft = flow.flowToScreenPosition(p);
    const bottomRight = flow.flowToScreenPosition({ x: p.x + NODE_WIDTH, y: p.y + NODE_HEIGHT });
    if (topLeft.x < r.left || topLeft.y < r.top || bottomRight.x > r.right || bottomRight.y > r.bottom)
      void flow.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom: flow.getZoom(), duration: 200 });
  }, [flow, store, suppressClick]);

  const save = useCallback(async () => {
    setBusy(true);
    const ok = await saveDefinition(id, isNew, store.getState().toDefinition(), (p) => store.getState().setProblems(p));
    setBusy(false);
    if (ok) { store.getState().markSaved(); onSaved(isNew); }
    return ok;
  }, [id, isNew, onSaved, store]);

  const publish = useCallback(async (note: string) => {
    setBusy(true);
    try {
      if ((store.getState().dirty || isNew || !detail?.hasDraft) && !(await save())) return;
      const r = await post<{ version: number }>(`/api/playbooks/${encodeURIComponent(id)}/publish`, { note });
      toast(`Published version ${r.version}. New enrolments use it from now on.`);
      setPublishing(false);
      onSaved(false);
    } catch (e) {
      if (e instanceof ApiError && e.problems.length) {
        store.getState().setProblems(e.problems);
        toast(`Not published: fix the ${e.problems.length} problem(s) listed under the canvas.`, 'error');
      } else toast(`Not published. ${adviceOf(e)}`, 'error');
      setPublishing(false);
    } finally { setBusy(false); }
  }, [detail?.hasDraft, id, isNew, onSaved, save, store, toast]);

  const shortcuts = useMemo(() => ({
    undo: () => store.getState().undo(),
    redo: () => store.getState().redo(),
    copy: () => { const n = store.getState().copySelection(); if (n) toast(`Copied ${n} step${n === 1 ? '' : 's'}.`); },
    paste: () => { store.getState().paste(); },
    save: () => { void save(); },
  }), [save, store, toast]);
  useKeyboardShortcuts(shortcuts);

  const st = store.getState();
  return (
    <div className="design">
      <Palette steps={s.stepTypes?.steps ?? []} triggers={s.stepTypes?.triggers ?? []} currentTrigger={s.trigger}
        onAdd={addAtCentre} onPointerDown={onPointerDown} ghost={ghost}
        onTrigger={(t) => { if (t !== s.trigger) { st.updateMeta({ trigger: { type: t } }); st.select(null); toast(`Trigger set to "${t}"; fill in its settings on the right.`); } }} />
      <section className="workspace" aria-label="Canvas and tools">
        <div className="toolbar" role="toolbar" aria-label="Editor tools">
          <button type="button" onClick={() => st.undo()} disabled={!s.canUndo} title="Undo (Ctrl+Z)">↶ Undo</button>
          <button type="button" onClick={() => st.redo()} disabled={!s.canRedo} title="Redo (Ctrl+Y)">↷ Redo</button>
          <button type="button" onClick={shortcuts.copy} disabled={!s.hasSelection} title="Copy (Ctrl+C)">Copy</button>
          <button type="button" onClick={() => st.paste()} disabled={!s.canPaste} title="Paste (Ctrl+V)">Paste</button>
          <button type="button" onClick={() => st.deleteSelection()} disabled={!s.hasSelection} title="Delete (Del)">Delete</button>
          <span className="sep" />
          <button type="button" onClick={() => { st.layout(); setTimeout(fitAll, 50); }} disabled={s.empty}>Auto-layout</button>
          <button type="button" onClick={fitAll}>Fit view</button>
          <span className="grow" />
          <button type="button" onClick={() => void save()} disabled={busy} data-testid="save" title="Save draft (Ctrl+S)">{busy ? 'Saving…' : s.dirty || isNew ? 'Save draft' : 'Saved'}</button>
          <button type="button" className="primary" onClick={() => setPublishing(true)} disabled={busy || s.empty} data-testid="publish">Publish…</button>
        </div>
        <div className="canvas-wrap" ref={canvasRef}>
          <Canvas />
          {s.empty && (
            <div className="canvas-empty" aria-live="polite">
              <p><strong>This playbook has no steps yet.</strong></p>
              <p>Drag a step from the palette on the left onto this canvas (or focus one and press Enter), then connect its outcome handles to the next step (or choose the next step under Connections in its properties).</p>
            </div>
          )}
        </div>
        <ProblemsList status={status} />
      </section>
      <PropertiesPanel isNew={isNew} />
      <PublishDialog open={publishing} busy={busy} dirty={s.dirty} nextVersion={(detail?.latestVersion ?? 0) + 1} onCancel={() => setPublishing(false)} onPublish={publish}>
        {publishing && !isNew && <PublishForecast id={id} dirty={s.dirty} hasDraft={!!detail?.hasDraft} draftUpdatedAt={detail?.draftUpdatedAt} onSave={save} />}
      </PublishDialog>
    </div>
  );
}
