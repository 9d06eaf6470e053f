import { describe, expect, it } from 'vitest';
import type { ForecastResult } from '../src/api/forecast';
import { forecastSummary, signed, weekRanges } from '../src/model/forecastSummary';
import { QueryClient } from '@tanstack/react-query';
import { forgetLatestForecast, isFresh, reusableForecast } from '../src/api/forecast';

const counts = { enrolments: {}, emails: {}, emailsSent: 0, tasks: 0, tasksByRole: {}, tasksByCsm: {}, notifications: {} };
const result = (emailsSent: number, tasks: number, overloaded: ForecastResult['overloaded'] = [], weeks = 13) => ({
  weeks, overloaded,
  totals: { candidate: counts, published: counts, difference: { enrolments: 0, emailsSent, emailsDeferred: 0, emailsSuppressed: 0, tasks } },
});

describe('forecast summary', () => {
  it('says the change with signs and thousands separators, and who is over capacity', () => {
    expect(forecastSummary(result(1240, 310, [{ csmId: 'dana', name: 'Dana Reyes', weeks: [3, 4, 5], peak: 31 }])))
      .toBe('+1,240 emails and +310 tasks in 13 weeks; Dana Reyes over capacity in weeks 3–5');
  });
  it('uses a minus sign for fewer, and names every overloaded CSM', () => {
    expect(forecastSummary(result(-12_500, 0, [
      { csmId: 'a', name: 'Ann', weeks: [1], peak: 30 },
      { csmId: 'b', name: '', weeks: [2, 4, 5, 6, 9], peak: 40 },
    ]))).toBe('−12,500 emails and +0 tasks in 13 weeks; Ann over capacity in week 1, b over capacity in weeks 2, 4–6, 9');
  });
  it('says when nothing changes, and one week in the singular', () => {
    expect(forecastSummary(result(0, 0, [], 1))).toBe('No change in emails or tasks in 1 week; no CSM over capacity');
    expect(forecastSummary(result(0, 0, [{ csmId: 'd', name: 'Dana Reyes', weeks: [1], peak: 26 }]))).toBe('No change in emails or tasks in 13 weeks; Dana Reyes over capacity in week 1');
  });
});

describe('signed', () => {
  it('puts a sign on every figure', () => {
    expect(signed(0)).toBe('+0');
    expect(signed(7)).toBe('+7');
    expect(signed(1_000_000)).toBe('+1,000,000');
    expect(signed(-1001)).toBe('−1,001');
  });
});

describe('week ranges', () => {
  it('merges consecutive weeks, sorted and without repeats', () => {
    expect(weekRanges([3, 4, 5, 8])).toBe('weeks 3–5, 8');
    expect(weekRanges([8, 3, 5, 4, 4])).toBe('weeks 3–5, 8');
    expect(weekRanges([1, 3, 5])).toBe('weeks 1, 3, 5');
    expect(weekRanges([2])).toBe('week 2');
    expect(weekRanges([12, 13])).toBe('weeks 12–13');
  });
});

describe('a fresh forecast for the publish dialog', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');
  const latest = { jobId: 'j', startedAt: now - 60_000, wholeBook: true, weeks: 13 };
  it('is of the whole book for 13 weeks, started after the draft was saved and minutes ago', () => {
    expect(isFresh(latest, '2026-03-02T09:58:00Z', now)).toBe(true);
    expect(isFresh(latest, undefined, now)).toBe(true);
  });
  it('is not a filtered one, another span, an older one or one of an earlier draft', () => {
    expect(isFresh(undefined, undefined, now)).toBe(false);
    expect(isFresh({ ...latest, wholeBook: false }, undefined, now)).toBe(false);
    expect(isFresh({ ...latest, weeks: 4 }, undefined, now)).toBe(false);
    expect(isFresh({ ...latest, startedAt: now - 11 * 60_000 }, undefined, now)).toBe(false);
    expect(isFresh(latest, '2026-03-02T09:59:30Z', now)).toBe(false);
  });
});

describe('the forecast the publish dialog reuses', () => {
  it('is the latest one of the playbook while it runs or once completed, not a cancelled or forgotten one', () => {
    const client = new QueryClient();
    const now = Date.now();
    const job = (state: string) => ({ id: 'j1', playbookId: 'p', state, createdAt: '', progress: { done: 0, total: 0, percent: 0 } });
    expect(reusableForecast(client, 'p', undefined, now)).toBeNull();
    client.setQueryData(['forecast-latest', 'p'], { jobId: 'j1', startedAt: now - 1000, wholeBook: true, weeks: 13 });
    client.setQueryData(['forecast', 'j1'], job('completed'));
    expect(reusableForecast(client, 'p', undefined, now)).toBe('j1');
    expect(reusableForecast(client, 'other', undefined, now)).toBeNull();
    client.setQueryData(['forecast', 'j1'], job('cancelled'));
    expect(reusableForecast(client, 'p', undefined, now)).toBeNull();
    client.setQueryData(['forecast', 'j1'], job('running'));
    expect(reusableForecast(client, 'p', undefined, now)).toBe('j1');
    forgetLatestForecast(client, 'p');
    expect(reusableForecast(client, 'p', undefined, now)).toBeNull();
  });
});
