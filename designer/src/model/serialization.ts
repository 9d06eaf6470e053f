import type { Edge, Node } from '@xyflow/react';
import type { ConnectionDto, PlaybookDefinition, PlaybookFields, StepDto } from '../api/types';
import { DEFAULT_OUTCOME } from './outcomes';

/**
 * The one place where the playbook DTO (the save format) and the canvas graph meet.
 * Round trip is lossless: step order, connection order, key order, unknown settings and
 * unknown top-level fields all survive; the node's position is the step's position.
 */
export interface StepNodeData extends Record<string, unknown> {
  /** The step as stored, including unknown settings. Its `position` (if any) is stale: the node's position wins. */
  step: StepDto;
}
export type StepNode = Node<StepNodeData>;

export interface ConnectionEdgeData extends Record<string, unknown> {
  /** The outcome exactly as written (undefined when the connection omitted it, i.e. "done"). */
  outcome?: string;
}
export type ConnectionEdge = Edge<ConnectionEdgeData>;

/** Everything about the playbook that is not a step or a connection (id, name, trigger, enrolment, unknown fields), in its original key order. */
export type PlaybookMeta = PlaybookFields;

export interface PlaybookGraph { meta: PlaybookMeta; nodes: StepNode[]; edges: ConnectionEdge[]; missingPositions: boolean }

const GRID_X = 260;
const GRID_Y = 130;

export function edgeId(from: string, outcome: string, to: string, taken?: Set<string>): string {
  const base = `${from}:${outcome}->${to}`;
  if (!taken?.has(base)) return base;
  let i = 2;
  while (taken.has(`${base}#${i}`)) i++;
  return `${base}#${i}`;
}

export function makeEdge(from: string, outcome: string | undefined, to: string, taken?: Set<string>): ConnectionEdge {
  const handle = outcome && outcome !== '' ? outcome : DEFAULT_OUTCOME;
  return {
    id: edgeId(from, handle, to, taken),
    source: from,
    sourceHandle: handle,
    target: to,
    targetHandle: 'in',
    data: outcome === undefined ? {} : { outcome },
  };
}

/** Definition → canvas. `nodeType` maps a step type to a registered React Flow node type. */
export function definitionToGraph(definition: PlaybookDefinition, nodeType: (stepType: string) => string = (t) => t): PlaybookGraph {
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(definition)) meta[key] = key === 'steps' || key === 'connections' ? [] : structuredClone(value);
  const steps = (Array.isArray(definition.steps) ? definition.steps : []).map((s) => structuredClone(s));
  let missingPositions = false;
  const nodes: StepNode[] = steps.map((step, i) => {
    const p = step.position;
    const valid = p && typeof p.x === 'number' && typeof p.y === 'number';
    if (!valid) missingPositions = true;
    return {
      id: step.id,
      type: nodeType(step.type),
      position: valid ? { x: p.x, y: p.y } : { x: (i % 4) * GRID_X, y: Math.floor(i / 4) * GRID_Y },
      data: { step },
    };
  });
  const taken = new Set<string>();
  const edges = (Array.isArray(definition.connections) ? definition.connections : []).map((c) => {
    const e = makeEdge(c.from, c.outcome, c.to, taken);
    taken.add(e.id);
    return e;
  });
  return { meta: meta as unknown as PlaybookMeta, nodes, edges, missingPositions };
}

/** Canvas → definition (the DTO the API stores). */
export function graphToDefinition(meta: PlaybookMeta, nodes: StepNode[], edges: ConnectionEdge[]): PlaybookDefinition {
  const steps: StepDto[] = nodes.map((n) => {
    const step: StepDto = { ...structuredClone(n.data.step), id: n.id };
    step.position = { x: n.position.x, y: n.position.y };
    return step;
  });
  const connections: ConnectionDto[] = edges.map((e) => {
    const c: ConnectionDto = { from: e.source } as ConnectionDto;
    const outcome = e.data?.outcome ?? (e.sourceHandle && e.sourceHandle !== DEFAULT_OUTCOME ? e.sourceHandle : undefined);
    if (outcome !== undefined) c.outcome = outcome;
    c.to = e.target;
    return c;
  });
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (key === 'steps') out.steps = steps;
    else if (key === 'connections') out.connections = connections;
    else out[key] = structuredClone(value);
  }
  if (!('steps' in out)) out.steps = steps;
  if (!('connections' in out) && connections.length > 0) out.connections = connections;
  return out as PlaybookDefinition;
}
