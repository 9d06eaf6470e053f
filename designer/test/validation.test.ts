import { describe, expect, it } from 'vitest';
import type { StepTypeInfo } from '../src/api/types';
import { checkCondition, checkLiquidTemplate, fieldKind, validateField, validatePlaybookId, validateStep } from '../src/model/validation';

const waitForEvent: StepTypeInfo = {
  type: 'waitForEvent', category: 'flow', description: '', canWait: true, outcomes: { fixed: ['received'], whenSet: [{ setting: 'timeout', outcome: 'timeout' }] },
  settings: {
    type: 'object',
    properties: {
      event: { type: 'string', description: 'Event name, e.g. account.opened' },
      timeout: { type: 'string', format: 'duration', description: "Give up after this long and leave by 'timeout'" },
      when: { type: 'string', description: 'Optional condition on the event' },
    },
    required: ['event'],
  },
};
const waitUntil: StepTypeInfo = {
  type: 'waitUntil', category: 'flow', description: '', canWait: true, outcomes: { fixed: ['done'], whenSet: [] },
  settings: { type: 'object', properties: {
    date: { type: 'string', description: 'Liquid expression giving a date, e.g. contract.end' },
    offset: { type: 'string', format: 'duration', description: 'Moves the date, e.g. -P4M (4 months before)' },
    time: { type: 'string', description: "Time of day in the account's zone, HH:mm (default: start of day)" },
  }, required: ['date'] },
};

describe('form validation', () => {
  it('picks the editor from the schema', () => {
    expect(fieldKind('timeout', waitForEvent.settings.properties!.timeout)).toBe('duration');
    expect(fieldKind('offset', waitUntil.settings.properties!.offset)).toBe('offset');
    expect(fieldKind('when', waitForEvent.settings.properties!.when)).toBe('condition');
    expect(fieldKind('date', waitUntil.settings.properties!.date)).toBe('expression');
    expect(fieldKind('time', waitUntil.settings.properties!.time)).toBe('time');
    expect(fieldKind('cases', { type: 'array', items: { type: 'string' } })).toBe('list');
    expect(fieldKind('channels', { type: 'array', items: { enum: ['inbox', 'slack', 'teams'] } })).toBe('choices');
    expect(fieldKind('title', { type: 'string' })).toBe('template');
  });

  it('requires required fields and nothing else', () => {
    expect(validateStep({ id: 'w', type: 'waitForEvent' }, waitForEvent)).toEqual({ event: 'required' });
    expect(validateStep({ id: 'w', type: 'waitForEvent', event: 'account.opened' }, waitForEvent)).toEqual({});
    expect(validateStep({ id: 'w', type: 'waitForEvent', event: '   ' }, waitForEvent)).toEqual({ event: 'required' });
  });

  it('checks durations, offsets and times', () => {
    expect(validateStep({ id: 'w', type: 'waitForEvent', event: 'e', timeout: '7 days' }, waitForEvent).timeout).toMatch(/7 days/);
    expect(validateStep({ id: 'w', type: 'waitForEvent', event: 'e', timeout: '-P7D' }, waitForEvent).timeout).toMatch(/negative/);
    expect(validateStep({ id: 'u', type: 'waitUntil', date: 'contract.end', offset: '-P4M', time: '09:30' }, waitUntil)).toEqual({});
    expect(validateStep({ id: 'u', type: 'waitUntil', date: 'contract.end', time: '9.30' }, waitUntil).time).toMatch(/HH:mm/);
  });

  it('checks step ids: required, no spaces, unique', () => {
    expect(validateStep({ id: '', type: 'end' }, undefined).id).toBe('required');
    expect(validateStep({ id: 'send mail', type: 'end' }, undefined).id).toMatch(/no spaces/);
    expect(validateStep({ id: 'a', type: 'end' }, undefined, ['a']).id).toMatch(/already/);
  });

  it('checks conditions', () => {
    expect(checkCondition('account.tier == "KA"')).toBeNull();
    expect(checkCondition('{{ account.tier }}')).toMatch(/without \{\{/);
    expect(checkCondition('account.tier == "KA')).toMatch(/quote/);
    expect(checkCondition('(a and b')).toMatch(/never closed/);
    expect(checkCondition('account.tier ==')).toMatch(/operator/);
  });

  it('checks templates', () => {
    expect(checkLiquidTemplate('Hello {{ account.name }}, {% if x %}yes{% endif %}')).toBeNull();
    expect(checkLiquidTemplate('Hello {{ account.name')).toMatch(/never closed/);
    expect(checkLiquidTemplate('Hello {{ "}}" }}')).toBeNull();
    expect(checkLiquidTemplate('Hello }}')).toMatch(/no matching/);
  });

  it('checks switch cases', () => {
    expect(validateField('list', ['KA', 'KA'], true)).toMatch(/twice/);
    expect(validateField('list', ['KA', ''], true)).toMatch(/empty/);
    expect(validateField('list', [], true)).toBe('required');
  });

  it('checks playbook ids as the API does', () => {
    expect(validatePlaybookId('novice-start')).toBeNull();
    expect(validatePlaybookId('Novice Start')).toMatch(/lower-case/);
  });
});
