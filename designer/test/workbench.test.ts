import { describe, expect, it } from 'vitest';
import type { FormField, WorkbenchView } from '../src/api/types';
import { emptyValues, formResult, resultErrors } from '../src/model/taskForm';
import { contextFacts, healthText, tomorrow, workGroups } from '../src/model/workbench';

const form: FormField[] = [
  { name: 'cause', type: 'choice', required: true, options: ['price', 'budget-cut'] },
  { name: 'missing', type: 'choice', multiple: true, options: ['contract', 'key-users'] },
  { name: 'seats', type: 'number' }, { name: 'followUp', type: 'date' }, { name: 'happy', type: 'boolean' }, { name: 'note', type: 'text' },
];

describe('task result forms', () => {
  it('sends typed values and leaves empty fields out, so the server names a missing required one', () => {
    expect(formResult(form, emptyValues(form))).toEqual({ happy: false });
    expect(formResult(form, { cause: 'price', missing: ['contract'], seats: '12', followUp: '2026-03-10', happy: true, note: ' said so ' }))
      .toEqual({ cause: 'price', missing: ['contract'], seats: 12, followUp: '2026-03-10', happy: true, note: ' said so ' });
  });

  it('keeps a number it cannot read as text (the server answers with the field)', () => {
    expect(formResult([{ name: 'seats', type: 'number' }], { seats: '12 seats' })).toEqual({ seats: '12 seats' });
  });

  it('maps the server\'s result.FIELD errors to the fields', () => {
    expect(resultErrors({ 'result.cause': ['required'], result: ['not an object'] })).toEqual({ byField: { cause: 'required' }, other: ['not an object'] });
  });
});

describe('the workbench', () => {
  it('lists the groups in working order, empty ones included', () => {
    const view: WorkbenchView = { total: 1, groups: { today: [], later: [], week: [], overdue: [] }, snoozed: [] };
    expect(workGroups(view).map((g) => g.title)).toEqual(['Overdue', 'Today', 'This week', 'Later']);
  });

  it('shows the health band with its trend arrow and says it in words', () => {
    expect(healthText({ healthBand: 'red', healthScore: 31, healthTrend: 'down' })).toEqual({ shown: 'red 31 ↓', spoken: 'health red 31, falling' });
    expect(healthText({ healthBand: null, healthScore: null, healthTrend: 'unknown' })).toEqual({ shown: 'no health score', spoken: 'health no health score, no trend yet' });
  });

  it('lists the account context', () => {
    const facts = contextFacts({ id: 'a', name: 'A', tier: 'KA', stage: 'renewal', healthTrend: 'up', contractEnd: '2026-06-30', openRequiredTasks: 2, lastTouch: '2026-02-01T10:00:00Z' });
    expect(facts.map((f) => `${f.label}: ${f.value}`)).toEqual(['Tier: KA', 'Stage: renewal', 'Contract ends: 2026-06-30', 'Open must-complete: 2', 'Last touch: 2026-02-01']);
  });

  it('snoozes to tomorrow (UTC) at the earliest', () => {
    expect(tomorrow(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
