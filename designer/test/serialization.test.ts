import { describe, expect, it } from 'vitest';
import type { PlaybookDefinition } from '../src/api/types';
import { definitionToGraph, graphToDefinition, makeEdge } from '../src/model/serialization';

const sample: PlaybookDefinition = {
  $schema: '/api/schema/playbook',
  id: 'novice-start',
  name: 'Novice start',
  version: 3,
  trigger: { type: 'event', event: 'account.handedOver', when: "account.tier != 'churned'" },
  enrolment: { reentry: 'afterExit', holdoutPercent: 0 },
  customTopLevel: { keep: ['me', 1] },
  steps: [
    { id: 'open-account', type: 'createTask', assignee: 'csm', title: 'Open accounts for {{ account.name }}', due: 'P5D', required: true, position: { x: 0, y: 0 } },
    { id: 'wait-opened', type: 'waitForEvent', name: 'Wait until opened', event: 'account.opened', timeout: 'P7D', position: { x: 10.5, y: 140 } },
    { id: 'route', type: 'switch', value: 'account.tier', cases: ['KA', 'SMB'], futureSetting: { nested: [1, 2, { deep: true }] }, join: 'all', position: { x: -200, y: 300 } },
    { id: 'escalate', type: 'notify', to: 'cs-lead', position: { x: 300, y: 300 } },
    { id: 'done', type: 'end', position: { x: 0, y: 500 } },
  ],
  connections: [
    { from: 'open-account', to: 'wait-opened' },
    { from: 'wait-opened', outcome: 'received', to: 'route' },
    { from: 'wait-opened', outcome: 'timeout', to: 'escalate' },
    { from: 'route', outcome: 'KA', to: 'done' },
    { from: 'route', outcome: 'done', to: 'done' },
    { from: 'escalate', to: 'done' },
  ],
};

describe('definitionToGraph / graphToDefinition', () => {
  it('round trip is lossless: positions, order, unknown settings and top-level fields', () => {
    const g = definitionToGraph(sample);
    const back = graphToDefinition(g.meta, g.nodes, g.edges);
    expect(back).toEqual(sample);
    expect(JSON.stringify(back)).toBe(JSON.stringify(sample));
  });

  it('puts each step on a node at its position and each connection on an outcome handle', () => {
    const g = definitionToGraph(sample);
    expect(g.nodes.map((n) => n.id)).toEqual(['open-account', 'wait-opened', 'route', 'escalate', 'done']);
    expect(g.nodes[1].position).toEqual({ x: 10.5, y: 140 });
    expect(g.edges.map((e) => e.sourceHandle)).toEqual(['done', 'received', 'timeout', 'KA', 'done', 'done']);
    expect(g.missingPositions).toBe(false);
  });

  it('keeps an explicit "done" outcome apart from an omitted one', () => {
    const g = definitionToGraph(sample);
    const back = graphToDefinition(g.meta, g.nodes, g.edges);
    expect(back.connections![0]).not.toHaveProperty('outcome');
    expect(back.connections![4]).toEqual({ from: 'route', outcome: 'done', to: 'done' });
  });

  it('writes moved positions and new edges', () => {
    const g = definitionToGraph(sample);
    g.nodes[0] = { ...g.nodes[0], position: { x: 40, y: 60 } };
    const edges = [...g.edges, makeEdge('route', 'SMB', 'escalate')];
    const back = graphToDefinition(g.meta, g.nodes, edges);
    expect(back.steps[0].position).toEqual({ x: 40, y: 60 });
    expect(back.connections!.at(-1)).toEqual({ from: 'route', outcome: 'SMB', to: 'escalate' });
  });

  it('gives steps without a position one and reports it', () => {
    const g = definitionToGraph({ id: 'p', steps: [{ id: 'a', type: 'wait', duration: 'P1D' }, { id: 'b', type: 'end' }] });
    expect(g.missingPositions).toBe(true);
    const back = graphToDefinition(g.meta, g.nodes, g.edges);
    expect(back.steps.every((s) => typeof s.position?.x === 'number')).toBe(true);
    expect(back).not.toHaveProperty('connections');
  });

  it('does not share objects with the input (editing the graph never mutates the loaded definition)', () => {
    const copy = structuredClone(sample);
    const g = definitionToGraph(copy);
    (g.nodes[2].data.step.futureSetting as { nested: unknown[] }).nested.push(9);
    expect(copy).toEqual(sample);
  });

  it('gives duplicate connections distinct edge ids', () => {
    const g = definitionToGraph({ id: 'p', steps: [{ id: 'a', type: 'wait' }, { id: 'b', type: 'end' }], connections: [{ from: 'a', to: 'b' }, { from: 'a', to: 'b' }] });
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(2);
  });
});
