import { describe, expect, it } from 'vitest';
import { estimatedHandles, estimatedWidth, outcomeSlotWidth } from '../src/model/geometry';
import { outcomesOf } from '../src/model/outcomes';

describe('outcomes of every step type', () => {
  it('gives customer-success steps their declared outcomes, never a spurious done', () => {
    expect(outcomesOf({ id: 'a', type: 'assessRenewal' })).toEqual(['high', 'medium', 'low']);
    expect(outcomesOf({ id: 'w', type: 'waitForTask', task: 't' })).toEqual(['completed', 'overdue']);
    expect(outcomesOf({ id: 'c', type: 'checkHandoverPacket' })).toEqual(['complete', 'incomplete']);
    expect(outcomesOf({ id: 'n', type: 'notify' })).toEqual(['done']);
    expect(outcomesOf({ id: 'e', type: 'end' })).toEqual([]);
  });

  it('switch: its cases then default; waitForEvent: timeout only with a timeout', () => {
    expect(outcomesOf({ id: 's', type: 'switch', cases: ['x', 'y'] })).toEqual(['x', 'y', 'default']);
    expect(outcomesOf({ id: 'w', type: 'waitForEvent', event: 'e' })).toEqual(['received']);
    expect(outcomesOf({ id: 'w', type: 'waitForEvent', event: 'e', timeout: 'P1D' })).toEqual(['received', 'timeout']);
  });
});

describe('wide switches', () => {
  const causes = ['insufficient-product-value', 'decision-maker-not-involved', 'no-incentive', 'default'];

  it('give each outcome a slot as wide as its label, so labels never overlap', () => {
    expect(outcomeSlotWidth('true')).toBe(70);
    expect(outcomeSlotWidth('decision-maker-not-involved')).toBeGreaterThan(27 * 5.5);
    expect(estimatedWidth(causes)).toBe(causes.reduce((s, c) => s + outcomeSlotWidth(c), 0));
  });

  it('place each handle under the middle of its own slot', () => {
    const width = estimatedWidth(causes);
    const handles = estimatedHandles(causes, width).filter((h) => h.type === 'source');
    let left = 0;
    handles.forEach((h, i) => {
      const slot = outcomeSlotWidth(causes[i]);
      expect(h.x + h.width! / 2).toBeCloseTo(left + slot / 2);
      left += slot;
    });
  });
});
