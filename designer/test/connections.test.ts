import { describe, expect, it } from 'vitest';
import type { StepDto } from '../src/api/types';
import { connect, incomingConnections, outcomeConnections, retarget, targetChoices } from '../src/model/connections';
import { graphToDefinition, makeEdge, type ConnectionEdge } from '../src/model/serialization';

const wait: StepDto = { id: 'wait', type: 'waitForEvent', event: 'account.opened', timeout: 'P3D' };
const steps: StepDto[] = [
  { id: 'start', type: 'wait', duration: 'P1D' },
  wait,
  { id: 'end', type: 'end' },
  { id: 'end-2', type: 'end', name: 'Gave up' },
];
const title = (type: string) => type.toUpperCase();
const summary = (edges: ConnectionEdge[]) => graphToDefinition({ id: 'p' }, [], edges).connections?.map((c) => `${c.from}:${c.outcome ?? '-'}->${c.to}`);

describe('connect', () => {
  it('appends a connection; done is written without an outcome, as the canvas writes it', () => {
    const edges = connect([], 'start', 'done', 'wait')!;
    const more = connect(edges, 'wait', 'timeout', 'end-2')!;
    expect(summary(more)).toEqual(['start:-->wait', 'wait:timeout->end-2']);
  });

  it('refuses the same outcome to the same step twice, allows parallel paths and loops', () => {
    const edges = connect([], 'wait', 'received', 'end')!;
    expect(connect(edges, 'wait', 'received', 'end')).toBeNull();
    expect(summary(connect(edges, 'wait', 'received', 'end-2')!)).toEqual(['wait:received->end', 'wait:received->end-2']);
    expect(summary(connect(edges, 'wait', 'timeout', 'wait')!)).toEqual(['wait:received->end', 'wait:timeout->wait']);
  });

  it('refuses a connection without source or target', () => {
    expect(connect([], '', 'done', 'end')).toBeNull();
    expect(connect([], 'start', 'done', '')).toBeNull();
  });
});

describe('retarget', () => {
  const base = [makeEdge('start', undefined, 'wait'), makeEdge('wait', 'received', 'end'), makeEdge('wait', 'timeout', 'end')];

  it('adds when nothing was connected', () => {
    expect(summary(retarget([], 'wait', 'timeout', null, 'end-2')!)).toEqual(['wait:timeout->end-2']);
  });

  it('replaces in place, keeping the order and how the outcome was written', () => {
    const edges = retarget(base, 'start', 'done', 'wait', 'end')!;
    expect(summary(edges)).toEqual(['start:-->end', 'wait:received->end', 'wait:timeout->end']);
    expect(summary(retarget(base, 'wait', 'received', 'end', 'end-2')!)).toEqual(['start:-->wait', 'wait:received->end-2', 'wait:timeout->end']);
    const explicitDone = [makeEdge('start', 'done', 'wait')];
    expect(summary(retarget(explicitDone, 'start', 'done', 'wait', 'end')!)).toEqual(['start:done->end']);
  });

  it('gives the replacement an id of its own', () => {
    const edges = retarget(base, 'wait', 'timeout', 'end', 'end-2')!;
    expect(edges[2].id).toBe('wait:timeout->end-2');
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  });

  it('removes when the new target is none', () => {
    expect(summary(retarget(base, 'wait', 'timeout', 'end', null)!)).toEqual(['start:-->wait', 'wait:received->end']);
  });

  it('returns null when nothing changes or the rules refuse it', () => {
    expect(retarget(base, 'wait', 'timeout', 'end', 'end')).toBeNull();
    expect(retarget(base, 'wait', 'timeout', null, null)).toBeNull();
    expect(retarget(base, 'wait', 'timeout', 'end-2', null)).toBeNull();
    const parallel = connect(base, 'wait', 'timeout', 'end-2')!;
    expect(retarget(parallel, 'wait', 'timeout', 'end', 'end-2')).toBeNull();
    expect(retarget(base, 'wait', 'received', null, 'end')).toBeNull();
  });
});

describe('outcomeConnections', () => {
  it('lists every outcome of the step with its targets in connection order', () => {
    const edges = [makeEdge('wait', 'timeout', 'end-2'), makeEdge('start', undefined, 'wait'), makeEdge('wait', 'timeout', 'end')];
    expect(outcomeConnections(wait, edges)).toEqual([
      { outcome: 'received', targets: [], stray: false },
      { outcome: 'timeout', targets: ['end-2', 'end'], stray: false },
    ]);
    expect(outcomeConnections(steps[0], edges)).toEqual([{ outcome: 'done', targets: ['wait'], stray: false }]);
    expect(outcomeConnections(steps[2], edges)).toEqual([]);
  });

  it('keeps outcomes the step no longer offers as stray rows', () => {
    const noTimeout: StepDto = { id: 'wait', type: 'waitForEvent', event: 'x' };
    expect(outcomeConnections(noTimeout, [makeEdge('wait', 'timeout', 'end')])).toEqual([
      { outcome: 'received', targets: [], stray: false },
      { outcome: 'timeout', targets: ['end'], stray: true },
    ]);
  });

  it('follows switch cases and the default', () => {
    const sw: StepDto = { id: 'route', type: 'switch', cases: ['KA', 'SMB'] };
    expect(outcomeConnections(sw, []).map((r) => r.outcome)).toEqual(['KA', 'SMB', 'default']);
  });
});

describe('targetChoices', () => {
  it('lists the other steps with type and label, then the step itself as a loop', () => {
    expect(targetChoices(steps, 'wait', title)).toEqual([
      { id: 'start', label: 'start (WAIT)' },
      { id: 'end', label: 'end (END)' },
      { id: 'end-2', label: 'end-2 (END: Gave up)' },
      { id: 'wait', label: 'wait (WAITFOREVENT) — this step, a loop' },
    ]);
  });
});

describe('incomingConnections', () => {
  it('names each source and outcome', () => {
    const edges = [makeEdge('start', undefined, 'wait'), makeEdge('wait', 'timeout', 'wait'), makeEdge('wait', 'received', 'end')];
    expect(incomingConnections(edges, 'wait')).toEqual(['start (done)', 'wait (timeout)']);
  });
});
