import { describe, expect, it } from 'vitest';
import { freePosition, NODE_HEIGHT, NODE_WIDTH } from '../src/model/layout';
import type { StepNode } from '../src/model/serialization';

const node = (id: string, x: number, y: number, measured?: { width: number; height: number }): StepNode =>
  ({ id, type: 'generic', position: { x, y }, data: { step: { id, type: 'notify' } }, measured });

describe('freePosition', () => {
  it('keeps the wanted place when it is free', () => {
    expect(freePosition([], { x: 10.4, y: 20.6 })).toEqual({ x: 10, y: 21 });
    expect(freePosition([node('far', 1000, 1000)], { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('goes below a step that covers the place, then below the next one', () => {
    const first = freePosition([node('a', 0, 0)], { x: 0, y: 0 });
    expect(first.x).toBe(0);
    expect(first.y).toBeGreaterThanOrEqual(NODE_HEIGHT);
    const second = freePosition([node('a', 0, 0), node('b', first.x, first.y)], { x: 0, y: 0 });
    expect(second.y).toBeGreaterThanOrEqual(first.y + NODE_HEIGHT);
  });

  it('uses the measured size of a step when known', () => {
    const tall = freePosition([node('a', 0, 0, { width: 300, height: 400 })], { x: 250, y: 100 });
    expect(tall).toEqual({ x: 250, y: 430 });
  });

  it('treats steps side by side with a gap as not in the way', () => {
    expect(freePosition([node('a', NODE_WIDTH + 40, 0)], { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('gives up after the given number of tries (a crowded column) and returns the last place tried', () => {
    const column = Array.from({ length: 5 }, (_, i) => node(`n${i}`, 0, i * 100));
    const p = freePosition(column, { x: 0, y: 0 }, 2);
    expect(p.y).toBeLessThan(500);
  });
});
