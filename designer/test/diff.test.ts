import { describe, expect, it } from 'vitest';
import { diffDefinitions, isEmptyDiff } from '../src/model/diff';

describe('diffDefinitions', () => {
  const v1 = { id: 'p', name: 'P', steps: [
    { id: 'a', type: 'wait', duration: 'P7D', position: { x: 0, y: 0 } },
    { id: 'b', type: 'end', position: { x: 0, y: 100 } },
  ], connections: [{ from: 'a', to: 'b' }] };

  it('finds added, removed, changed and moved steps and connections', () => {
    const v2 = { id: 'p', name: 'P2', steps: [
      { id: 'a', type: 'wait', duration: 'P14D', position: { x: 50, y: 0 } },
      { id: 'c', type: 'end', position: { x: 0, y: 100 } },
    ], connections: [{ from: 'a', to: 'c' }] };
    const d = diffDefinitions(v1, v2);
    expect(d.added.map((s) => s.id)).toEqual(['c']);
    expect(d.removed.map((s) => s.id)).toEqual(['b']);
    expect(d.changed).toEqual([{ id: 'a', type: 'wait', fields: ['duration'] }]);
    expect(d.moved).toEqual(['a']);
    expect(d.connectionsAdded).toEqual([{ from: 'a', to: 'c' }]);
    expect(d.connectionsRemoved).toEqual([{ from: 'a', to: 'b' }]);
    expect(d.playbookFields).toEqual(['name']);
  });

  it('ignores key order and the version number', () => {
    const v2 = { ...structuredClone(v1), version: 2, steps: [{ duration: 'P7D', type: 'wait', id: 'a', position: { y: 0, x: 0 } }, v1.steps[1]] };
    expect(isEmptyDiff(diffDefinitions(v1, v2))).toBe(true);
  });
});
