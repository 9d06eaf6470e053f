import {
  applyEdgeChanges, applyNodeChanges,
  type Connection, type EdgeChange, type NodeChange,
} from '@xyflow/react';
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { DefinitionProblem, PlaybookDefinition, StepDto, StepTypesResponse } from '../api/types';
import { connect, retarget } from '../model/connections';
import { dropEstimates, withEstimatedGeometry } from '../model/geometry';
import { autoLayout } from '../model/layout';
import { DEFAULT_OUTCOME, outcomesOf } from '../model/outcomes';
import {
  definitionToGraph, graphToDefinition, makeEdge,
  type ConnectionEdge, type PlaybookMeta, type StepNode,
} from '../model/serialization';
import { createStep, nodeTypeFor } from '../nodes/catalog';

interface Snapshot { meta: PlaybookMeta; nodes: StepNode[]; edges: ConnectionEdge[] }
export interface RuntimeOverlay { waiting: Record<string, number>; faulted: Record<string, number> }

export interface EditorState {
  meta: PlaybookMeta;
  nodes: StepNode[];
  edges: ConnectionEdge[];
  /** The step whose properties are shown (null: the playbook's own settings). */
  selectedId: string | null;
  readOnly: boolean;
  /** True when the canvas differs from what was last loaded or saved. */
  dirty: boolean;
  /** Bumped on every content change (not on selection or measuring), so validation can follow edits. */
  revision: number;
  problems: DefinitionProblem[];
  problemsByStep: Record<string, DefinitionProblem[]>;
  /** Outcomes used by connections that the step's type no longer offers (kept visible so nothing disappears). */
  strayOutcomes: Record<string, string[]>;
  past: Snapshot[];
  future: Snapshot[];
  clipboard: { steps: StepDto[]; edges: ConnectionEdge[] } | null;
  runtime: RuntimeOverlay | null;
  stepTypes: StepTypesResponse | null;
}

export interface EditorActions {
  load(definition: PlaybookDefinition, options?: { readOnly?: boolean }): void;
  setStepTypes(types: StepTypesResponse): void;
  onNodesChange(changes: NodeChange<StepNode>[]): void;
  onEdgesChange(changes: EdgeChange<ConnectionEdge>[]): void;
  onConnect(connection: Connection): void;
  /**
   * Points one connection of `source`'s `outcome` elsewhere (the keyboard way to connect): `from` null adds one to
   * `to`, `to` null removes the one to `from`. Same rules as onConnect; one undo step (changes of the same outcome
   * in quick succession count once). False when refused or unchanged.
   */
  setConnection(source: string, outcome: string, from: string | null, to: string | null): boolean;
  addStep(type: string, position: { x: number; y: number }): string;
  updateStep(id: string, patch: Record<string, unknown>, coalesceKey?: string): void;
  renameStep(id: string, newId: string): boolean;
  updateMeta(patch: Partial<PlaybookMeta>, coalesceKey?: string): void;
  select(id: string | null): void;
  deleteSelection(): void;
  copySelection(): number;
  paste(): number;
  undo(): void;
  redo(): void;
  layout(): void;
  setProblems(problems: DefinitionProblem[]): void;
  setRuntime(runtime: RuntimeOverlay | null): void;
  markSaved(): void;
  toDefinition(): PlaybookDefinition;
}

export type EditorStore = EditorState & EditorActions;

const HISTORY_LIMIT = 100;

function strayOutcomesOf(nodes: StepNode[], edges: ConnectionEdge[], previous: Record<string, string[]>): Record<string, string[]> {
  const offered = new Map(nodes.map((n) => [n.id, new Set(outcomesOf(n.data.step))]));
  const result: Record<string, string[]> = {};
  for (const e of edges) {
    const handle = e.sourceHandle ?? 'done';
    if (offered.get(e.source)?.has(handle) === false) (result[e.source] ??= []).includes(handle) || result[e.source].push(handle);
  }
  for (const [id, list] of Object.entries(result)) if (previous[id]?.join('\u0000') === list.join('\u0000')) result[id] = previous[id];
  return result;
}

/**
 * The step whose properties show after React Flow changed the selection (a click, Enter/Space or Escape on a
 * focused node, a selection box): the node just selected; else the current one while still selected; else
 * another selected node, or none.
 */
function followSelection(changes: NodeChange<StepNode>[], nodes: StepNode[], current: string | null): string | null {
  const selects = changes.filter((c) => c.type === 'select');
  if (!selects.length) return current;
  const picked = selects.filter((c) => c.selected).at(-1)?.id;
  if (picked) return picked;
  if (current && nodes.some((n) => n.id === current && n.selected)) return current;
  return nodes.find((n) => n.selected)?.id ?? null;
}

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  let i = 2;
  while (taken.has(`${base}-${i}`)) i++;
  return `${base}-${i}`;
}

export function createEditorStore(): StoreApi<EditorStore> {
  return createStore<EditorStore>()((set, get) => {
    let coalesce: { key: string; at: number } | null = null;
    let dragging = false;

    /** Records the current state for undo before a content change (edits of one field within 1.5 s count once). */
    const remember = (key?: string) => {
      const now = Date.now();
      if (key && coalesce && coalesce.key === key && now - coalesce.at < 1500) { coalesce.at = now; return; }
      coalesce = key ? { key, at: now } : null;
      const { meta, nodes, edges, past } = get();
      set({ past: [...past.slice(-HISTORY_LIMIT + 1), { meta, nodes, edges }], future: [] });
    };
    const changed = (partial: Partial<EditorState>) => {
      const s = get();
      const nodes = partial.nodes ?? s.nodes;
      const edges = partial.edges ?? s.edges;
      set({ ...partial, dirty: true, revision: s.revision + 1, strayOutcomes: strayOutcomesOf(nodes, edges, s.strayOutcomes) });
    };

    return {
      meta: { id: '' },
      nodes: [],
      edges: [],
      selectedId: null,
      readOnly: false,
      dirty: false,
      revision: 0,
      problems: [],
      problemsByStep: {},
      strayOutcomes: {},
      past: [],
      future: [],
      clipboard: null,
      runtime: null,
      stepTypes: null,

      load(definition, options) {
        const graph = definitionToGraph(definition, nodeTypeFor);
        let nodes = graph.nodes;
        if (graph.missingPositions) {
          const positions = autoLayout(nodes, graph.edges);
          nodes = nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
        }
        const strayOutcomes = strayOutcomesOf(nodes, graph.edges, {});
        set({
          meta: graph.meta, nodes: withEstimatedGeometry(nodes, strayOutcomes), edges: graph.edges, selectedId: null, readOnly: !!options?.readOnly,
          dirty: false, revision: get().revision + 1, problems: [], problemsByStep: {}, past: [], future: [], runtime: null,
          strayOutcomes,
        });
      },

      setStepTypes(types) { set({ stepTypes: types }); },

      onNodesChange(changes) {
        const s = get();
        let content = false;
        let keyboardMove = false;
        for (const c of changes) {
          if (c.type === 'position' && c.dragging && !dragging) { dragging = true; remember(); }
          // Arrow keys on a focused, selected node move it without a drag: presses in a row undo together.
          if (c.type === 'position' && c.dragging === false && !dragging && !s.readOnly) keyboardMove = true;
          if (c.type === 'position') content = true;
          if (c.type === 'remove' && !s.readOnly) content = true;
          if (c.type === 'add' || c.type === 'replace') content = true;
        }
        if (changes.some((c) => c.type === 'remove') && !s.readOnly) remember();
        else if (keyboardMove) remember('keyboard-move');
        let nodes = applyNodeChanges(changes.filter((c) => !(s.readOnly && c.type === 'remove')), s.nodes);
        nodes = dropEstimates(nodes, new Set(changes.filter((c) => c.type === 'dimensions').map((c) => c.id)));
        const stop = changes.some((c) => c.type === 'position' && c.dragging === false);
        if (stop) {
          dragging = false;
          nodes = nodes.map((n) => (n.selected || changes.some((c) => c.type === 'position' && c.id === n.id)
            ? { ...n, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } } : n));
        }
        const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
        if (removed.size && !s.readOnly) {
          changed({ nodes, edges: s.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)), selectedId: removed.has(s.selectedId ?? '') ? null : s.selectedId });
          return;
        }
        const selectedId = followSelection(changes, nodes, s.selectedId);
        // Positions change continuously while dragging: only the end of a drag counts as an edit.
        if (content && (stop || changes.some((c) => c.type !== 'position'))) changed({ nodes, selectedId });
        else set({ nodes, selectedId });
      },

      onEdgesChange(changes) {
        const s = get();
        const removes = changes.filter((c) => c.type === 'remove');
        if (removes.length && s.readOnly) return;
        if (removes.length) remember();
        const edges = applyEdgeChanges(changes, s.edges);
        if (removes.length) changed({ edges }); else set({ edges });
      },

      onConnect(connection) {
        const s = get();
        if (s.readOnly) return;
        const edges = connect(s.edges, connection.source, connection.sourceHandle ?? DEFAULT_OUTCOME, connection.target);
        if (!edges) return;
        remember();
        changed({ edges });
      },

      setConnection(source, outcome, from, to) {
        const s = get();
        if (s.readOnly) return false;
        const edges = retarget(s.edges, source, outcome, from, to);
        if (!edges) return false;
        // Arrow keys on a closed select change it at every press: changes of one outcome within 1.5 s undo together.
        remember(`connection:${source}:${outcome}`);
        changed({ edges });
        return true;
      },

      addStep(type, position) {
        const s = get();
        const id = uniqueId(type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), new Set(s.nodes.map((n) => n.id)));
        const step = createStep(type, id);
        remember();
        const node: StepNode = { id, type: nodeTypeFor(type), position: { x: Math.round(position.x), y: Math.round(position.y) }, data: { step }, selected: true };
        changed({ nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], selectedId: id });
        return id;
      },

      updateStep(id, patch, coalesceKey) {
        const s = get();
        if (s.readOnly) return;
        remember(coalesceKey ? `${id}:${coalesceKey}` : undefined);
        const nodes = s.nodes.map((n) => {
          if (n.id !== id) return n;
          const step = { ...n.data.step };
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined) delete step[k]; else step[k] = v;
          }
          return { ...n, data: { ...n.data, step } };
        });
        // Connections from outcomes a step no longer offers stay (as stray handles) so the validation list can point at them.
        changed({ nodes });
      },

      renameStep(id, newId) {
        const s = get();
        if (s.readOnly || id === newId || !newId || s.nodes.some((n) => n.id === newId)) return false;
        remember();
        const nodes = s.nodes.map((n) => (n.id === id ? { ...n, id: newId, data: { ...n.data, step: { ...n.data.step, id: newId } } } : n));
        const taken = new Set<string>();
        const edges = s.edges.map((e) => {
          if (e.source !== id && e.target !== id) { taken.add(e.id); return e; }
          const source = e.source === id ? newId : e.source;
          const target = e.target === id ? newId : e.target;
          const fresh = makeEdge(source, e.data?.outcome, target, taken);
          taken.add(fresh.id);
          return { ...fresh, selected: e.selected };
        });
        const meta = s.meta.start === id ? { ...s.meta, start: newId } : s.meta;
        changed({ nodes, edges, meta, selectedId: s.selectedId === id ? newId : s.selectedId });
        return true;
      },

      updateMeta(patch, coalesceKey) {
        const s = get();
        if (s.readOnly) return;
        remember(coalesceKey ? `meta:${coalesceKey}` : undefined);
        const meta = { ...s.meta } as Record<string, unknown>;
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined) delete meta[k]; else meta[k] = v;
        }
        changed({ meta: meta as PlaybookMeta });
      },

      select(id) {
        const s = get();
        if (s.selectedId === id) return;
        set({ selectedId: id, nodes: s.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })) });
      },

      deleteSelection() {
        const s = get();
        if (s.readOnly) return;
        const ids = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
        const edgeIds = new Set(s.edges.filter((e) => e.selected).map((e) => e.id));
        if (!ids.size && !edgeIds.size) return;
        remember();
        changed({
          nodes: s.nodes.filter((n) => !ids.has(n.id)),
          edges: s.edges.filter((e) => !edgeIds.has(e.id) && !ids.has(e.source) && !ids.has(e.target)),
          selectedId: ids.has(s.selectedId ?? '') ? null : s.selectedId,
        });
      },

      copySelection() {
        const s = get();
        const selected = s.nodes.filter((n) => n.selected);
        if (!selected.length) return 0;
        const ids = new Set(selected.map((n) => n.id));
        const steps = graphToDefinition({ id: '' }, selected, []).steps;
        set({ clipboard: { steps, edges: s.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) } });
        return steps.length;
      },

      paste() {
        const s = get();
        if (s.readOnly || !s.clipboard) return 0;
        remember();
        const taken = new Set(s.nodes.map((n) => n.id));
        const rename = new Map<string, string>();
        const pasted: StepNode[] = s.clipboard.steps.map((step) => {
          const id = uniqueId(`${step.id}-copy`, taken);
          taken.add(id);
          rename.set(step.id, id);
          const copy = structuredClone(step);
          const position = { x: (copy.position?.x ?? 0) + 40, y: (copy.position?.y ?? 0) + 40 };
          copy.id = id;
          copy.position = position;
          return { id, type: nodeTypeFor(copy.type), position, data: { step: copy }, selected: true };
        });
        const edgeIds = new Set(s.edges.map((e) => e.id));
        const edges = s.clipboard.edges.map((e) => {
          const edge = makeEdge(rename.get(e.source)!, e.data?.outcome, rename.get(e.target)!, edgeIds);
          edgeIds.add(edge.id);
          return edge;
        });
        // The next paste lands another 40 px further.
        set({ clipboard: { steps: pasted.map((n) => ({ ...n.data.step, id: [...rename].find(([, v]) => v === n.id)![0] })), edges: s.clipboard.edges } });
        changed({
          nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted],
          edges: [...s.edges, ...edges],
          selectedId: pasted.length === 1 ? pasted[0].id : null,
        });
        return pasted.length;
      },

      undo() {
        const s = get();
        const previous = s.past.at(-1);
        if (!previous || s.readOnly) return;
        coalesce = null;
        set({ past: s.past.slice(0, -1), future: [{ meta: s.meta, nodes: s.nodes, edges: s.edges }, ...s.future] });
        changed({ ...previous, selectedId: previous.nodes.some((n) => n.id === s.selectedId) ? s.selectedId : null });
      },

      redo() {
        const s = get();
        const next = s.future[0];
        if (!next || s.readOnly) return;
        coalesce = null;
        set({ future: s.future.slice(1), past: [...s.past, { meta: s.meta, nodes: s.nodes, edges: s.edges }] });
        changed({ ...next, selectedId: next.nodes.some((n) => n.id === s.selectedId) ? s.selectedId : null });
      },

      layout() {
        const s = get();
        if (s.readOnly || !s.nodes.length) return;
        remember();
        const positions = autoLayout(s.nodes, s.edges);
        changed({ nodes: s.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) });
      },

      setProblems(problems) {
        const byStep: Record<string, DefinitionProblem[]> = {};
        const previous = get().problemsByStep;
        for (const p of problems) if (p.stepId) (byStep[p.stepId] ??= []).push(p);
        for (const [id, list] of Object.entries(byStep)) {
          const old = previous[id];
          if (old && old.length === list.length && old.every((p, i) => p.message === list[i].message && p.field === list[i].field)) byStep[id] = old;
        }
        set({ problems, problemsByStep: byStep });
      },

      setRuntime(runtime) { set({ runtime }); },

      markSaved() { set({ dirty: false }); },

      toDefinition() {
        const s = get();
        return graphToDefinition(s.meta, s.nodes, s.edges);
      },
    };
  });
}

export const EditorStoreContext = createContext<StoreApi<EditorStore> | null>(null);

export function useEditorStoreApi(): StoreApi<EditorStore> {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditor must be used inside <EditorStoreContext.Provider>');
  return store;
}

/** Reads a slice of the editor store; object/array slices are compared shallowly. */
export function useEditor<T>(selector: (s: EditorStore) => T): T {
  return useStore(useEditorStoreApi(), useShallow(selector));
}
