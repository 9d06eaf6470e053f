import { describe, expect, it } from 'vitest';
import { contrastRatio, groupByMonth, lifecycleChoices, PLAYBOOK_COLOURS, playbookColours } from '../src/model/lifecycle';

const entry = (at: string, playbook: string | null, summary = '') => ({ at, playbook, type: 'step.completed', summary });

describe('lifecycle timeline', () => {
  it('groups entries by month in time order, the month named', () => {
    const groups = groupByMonth([
      entry('2026-04-08T06:00:00+00:00', 'growth', 'b'), entry('2026-03-03T06:00:00+00:00', 'handover', 'a'),
      entry('2026-04-01T00:30:00+02:00', null, 'still March in UTC'), entry('2026-04-09T06:00:00+00:00', 'handover', 'c'),
    ]);
    expect(groups.map((g) => [g.month, g.label, g.entries.map((e) => e.summary)])).toEqual([
      ['2026-03', 'March 2026', ['a', 'still March in UTC']],
      ['2026-04', 'April 2026', ['b', 'c']],
    ]);
    expect(groupByMonth([])).toEqual([]);
  });
  it('gives each playbook its own colour, each readable as a badge under white text', () => {
    const colours = playbookColours(['a', 'b', 'c']);
    expect(new Set(colours.values()).size).toBe(3);
    expect(new Set(PLAYBOOK_COLOURS).size).toBe(PLAYBOOK_COLOURS.length);
    for (const colour of PLAYBOOK_COLOURS) expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });
});

describe('lifecycle playbook choice', () => {
  const candidates = [
    { id: 'handover', latestVersion: 2, hasDraft: false },
    { id: 'win-back', latestVersion: 1, hasDraft: true },
    { id: 'fresh', latestVersion: 0, hasDraft: true },
  ];
  it('leaves the choice to the server for every published playbook as published', () => {
    expect(lifecycleChoices(candidates, 'win-back', null, false)).toBeUndefined();
    expect(lifecycleChoices(candidates, 'handover', null, true)).toBeUndefined(); // no draft to use
  });
  it('runs the edited playbook\'s draft in place of its published version', () => {
    expect(lifecycleChoices(candidates, 'win-back', null, true)).toEqual([{ id: 'handover', version: 2 }, { id: 'win-back', version: 'draft' }]);
    expect(lifecycleChoices(candidates, 'fresh', null, true)).toEqual([{ id: 'handover', version: 2 }, { id: 'win-back', version: 1 }, { id: 'fresh', version: 'draft' }]);
  });
  it('runs only the chosen playbooks; one never published only as the draft of the edited playbook', () => {
    expect(lifecycleChoices(candidates, 'win-back', new Set(['win-back']), false)).toEqual([{ id: 'win-back', version: 1 }]);
    expect(lifecycleChoices(candidates, 'fresh', new Set(['fresh', 'handover']), false)).toEqual([{ id: 'handover', version: 2 }, { id: 'fresh', version: 'draft' }]);
    expect(lifecycleChoices(candidates, 'win-back', new Set(['fresh']), true)).toEqual([]);
  });
});
