import { describe, expect, it } from 'vitest';
import { humanize, isIsoDuration, parseHuman, toIso, toSimple } from '../src/model/duration';

describe('duration picker ↔ ISO-8601', () => {
  it.each([
    [{ amount: 7, unit: 'days', negative: false }, 'P7D'],
    [{ amount: 1, unit: 'months', negative: false }, 'P1M'],
    [{ amount: 2, unit: 'hours', negative: false }, 'PT2H'],
    [{ amount: 30, unit: 'minutes', negative: false }, 'PT30M'],
    [{ amount: 2, unit: 'weeks', negative: false }, 'P2W'],
    [{ amount: 1, unit: 'years', negative: false }, 'P1Y'],
    [{ amount: 4, unit: 'months', negative: true }, '-P4M'],
  ] as const)('%o ↔ %s', (simple, iso) => {
    expect(toIso(simple)).toBe(iso);
    expect(toSimple(iso)).toEqual(simple);
  });

  it('does not confuse months (P1M) with minutes (PT1M)', () => {
    expect(toSimple('P1M')?.unit).toBe('months');
    expect(toSimple('PT1M')?.unit).toBe('minutes');
  });

  it('leaves composite durations to the ISO text box', () => {
    expect(toSimple('P1Y2M')).toBeNull();
    expect(toSimple('PT2H30M')).toBeNull();
  });

  it.each([
    ['7 days', 'P7D'], ['1 day', 'P1D'], ['2 weeks', 'P2W'], ['3 months', 'P3M'], ['4 months before', '-P4M'],
    ['-3 days', '-P3D'], ['12 h', 'PT12H'], ['p7d', 'P7D'], ['P1Y2M', 'P1Y2M'],
  ])('reads "%s" as %s', (text, iso) => expect(parseHuman(text)).toBe(iso));

  it.each(['', 'soon', '7 fortnights', 'P', 'PT', '7'])('refuses "%s"', (text) => expect(parseHuman(text)).toBeNull());

  it('says durations as people do', () => {
    expect(humanize('P7D')).toBe('7 days');
    expect(humanize('P1M')).toBe('1 month');
    expect(humanize('-P4M')).toBe('4 months before');
    expect(humanize('P1Y2M')).toBe('1 year 2 months');
    expect(humanize('nonsense')).toBe('nonsense');
  });

  it('accepts only real ISO-8601 durations', () => {
    expect(isIsoDuration('P7D')).toBe(true);
    expect(isIsoDuration('PT1.5S')).toBe(true);
    expect(isIsoDuration('P')).toBe(false);
    expect(isIsoDuration('7D')).toBe(false);
    expect(isIsoDuration('P1DT')).toBe(false);
  });
});
