import type { StepDto } from '../api/types';
import { DEFAULT_OUTCOME, outcomesOf } from './outcomes';
import { makeEdge, type ConnectionEdge } from './serialization';

/**
 * Connection rules and edits, shared by the canvas (dragging a handle) and the properties panel (the
 * "Connections" selects), so both follow the same rules. All functions are pure: they return new edge lists.
 *
 * The rules are the engine's: an outcome may connect to several steps (parallel paths), a step may connect to
 * itself (a loop; the server checks that a loop waits somewhere), but the same outcome never connects twice to
 * the same step.
 */

/** The outcome an edge leaves by ("done" when the connection omits it). */
export const outcomeOfEdge = (edge: ConnectionEdge): string => edge.sourceHandle ?? DEFAULT_OUTCOME;

/** True when `source` already leaves by `outcome` to `target`. */
export function isConnected(edges: ConnectionEdge[], source: string, outcome: string, target: string): boolean {
  return edges.some((e) => e.source === source && e.target === target && outcomeOfEdge(e) === outcome);
}

/** Adds the connection `source` —outcome→ `target` at the end; null when the rules refuse it (it exists already). */
export function connect(edges: ConnectionEdge[], source: string, outcome: string, target: string): ConnectionEdge[] | null {
  if (!source || !target || isConnected(edges, source, outcome, target)) return null;
  const edge = makeEdge(source, outcome === DEFAULT_OUTCOME ? undefined : outcome, target, new Set(edges.map((e) => e.id)));
  return [...edges, edge];
}

/**
 * Changes where one connection of `source`'s `outcome` goes: `from` null adds a connection to `to`, `to` null
 * removes the one to `from`, both set replace it in place (keeping the connection's order and how its outcome
 * was written). Null when nothing would change or the rules refuse it.
 */
export function retarget(edges: ConnectionEdge[], source: string, outcome: string, from: string | null, to: string | null): ConnectionEdge[] | null {
  if (from === to) return null;
  if (from === null) return to === null ? null : connect(edges, source, outcome, to);
  const index = edges.findIndex((e) => e.source === source && e.target === from && outcomeOfEdge(e) === outcome);
  if (index < 0) return null;
  if (to === null) return edges.filter((_, i) => i !== index);
  if (isConnected(edges, source, outcome, to)) return null;
  const old = edges[index];
  const taken = new Set(edges.filter((_, i) => i !== index).map((e) => e.id));
  const edge = makeEdge(source, old.data?.outcome, to, taken);
  return edges.map((e, i) => (i === index ? edge : e));
}

/** One outcome of a step and the steps it connects to, in connection order. `stray`: the step no longer offers it. */
export interface OutcomeConnections { outcome: string; targets: string[]; stray: boolean }

/** The outcomes of `step` (as its type defines them, then strays still used by connections) with their targets. */
export function outcomeConnections(step: StepDto, edges: ConnectionEdge[]): OutcomeConnections[] {
  const offered = outcomesOf(step);
  const rows = new Map<string, OutcomeConnections>(offered.map((o) => [o, { outcome: o, targets: [], stray: false }]));
  for (const e of edges) {
    if (e.source !== step.id) continue;
    const outcome = outcomeOfEdge(e);
    let row = rows.get(outcome);
    if (!row) rows.set(outcome, (row = { outcome, targets: [], stray: true }));
    row.targets.push(e.target);
  }
  return [...rows.values()];
}

/** A step a connection can go to, as the selects list it. */
export interface TargetChoice { id: string; label: string }

/**
 * Every step a connection from `sourceId` can go to, in canvas order: "id (Type)" or "id (Type: label)";
 * the step itself last, marked as a loop.
 */
export function targetChoices(steps: StepDto[], sourceId: string, titleOf: (type: string) => string): TargetChoice[] {
  const describe = (s: StepDto) => `${s.id} (${titleOf(s.type)}${s.name ? `: ${s.name}` : ''})`;
  const others = steps.filter((s) => s.id !== sourceId).map((s) => ({ id: s.id, label: describe(s) }));
  const self = steps.find((s) => s.id === sourceId);
  return self ? [...others, { id: self.id, label: `${describe(self)} — this step, a loop` }] : others;
}

/** Where `stepId` is reached from: "source (outcome)" per incoming connection. */
export function incomingConnections(edges: ConnectionEdge[], stepId: string): string[] {
  return edges.filter((e) => e.target === stepId).map((e) => `${e.source} (${outcomeOfEdge(e)})`);
}
