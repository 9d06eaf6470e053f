import { describe, expect, it } from 'vitest';
import { bandClass, completionResult, emailStateText, formatNumber, formatWeight, humanize, indicatorRows, taskDueText, taskQuery } from '../src/model/success';

describe('health formatting', () => {
  it('maps bands to classes', () => {
    expect(bandClass('green')).toBe('band-green');
    expect(bandClass('red')).toBe('band-red');
    expect(bandClass(undefined)).toBe('band-none');
    expect(bandClass('purple')).toBe('band-none');
  });
  it('humanizes indicator names', () => {
    expect(humanize('activeUsers')).toBe('Active users');
    expect(humanize('content-output')).toBe('Content output');
  });
  it('formats weights, values and scores', () => {
    expect(formatWeight(30)).toBe('30 %');
    expect(formatNumber(12.3456)).toBe('12.35');
    expect(formatNumber(null)).toBe('no data');
    const rows = indicatorRows([{ name: 'apiCalls', weight: 10, value: 5, score: 80, explanation: 'steady' }]);
    expect(rows).toEqual([{ name: 'API calls', weight: '10 %', value: '5', score: '80', explanation: 'steady' }]);
    expect(indicatorRows(undefined)).toEqual([]);
  });
});

describe('email state', () => {
  const base = { attempts: 1, reason: null, deferredUntil: null, sentAt: null };
  it('says why and until when', () => {
    expect(emailStateText({ ...base, state: 'deferred', reason: 'quiet hours', deferredUntil: '2026-03-02T08:00:00Z' })).toMatch(/^deferred until .+ \(quiet hours\)$/);
    expect(emailStateText({ ...base, state: 'suppressed', reason: 'no consent' })).toBe('suppressed, not sent (no consent)');
    expect(emailStateText({ ...base, state: 'failed', attempts: 3, reason: 'smtp 550' })).toBe('failed after 3 attempts (smtp 550)');
    expect(emailStateText({ ...base, state: 'queued' })).toBe('queued, waiting for delivery');
    expect(emailStateText({ ...base, state: 'sent', sentAt: '2026-03-02T08:00:00Z' })).toMatch(/^sent /);
  });
});

describe('tasks', () => {
  it('describes due and completion', () => {
    expect(taskDueText({ status: 'open', dueAt: null, overdue: false })).toBe('no due date');
    expect(taskDueText({ status: 'open', dueAt: '2026-03-02T08:00:00Z', overdue: true })).toMatch(/^overdue since /);
    expect(taskDueText({ status: 'open', dueAt: '2026-03-02T08:00:00Z', overdue: false })).toMatch(/^due /);
    expect(taskDueText({ status: 'completed', dueAt: null, overdue: false, completedAt: '2026-03-02T08:00:00Z', completedBy: 'csm-1' })).toMatch(/ by csm-1$/);
  });
  it('turns the note into a result', () => {
    expect(completionResult('  ')).toBeUndefined();
    expect(completionResult('called Dana')).toEqual({ note: 'called Dana' });
    expect(completionResult('{ "cause": "price" }')).toEqual({ cause: 'price' });
    expect(completionResult('{ broken')).toEqual({ note: '{ broken' });
    expect(completionResult('[1]')).toEqual({ note: '[1]' });
  });
  it('builds the filter query', () => {
    expect(taskQuery('open')).toBe('take=50&status=open');
    expect(taskQuery('completed', 100)).toBe('take=50&skip=100&status=completed');
    expect(taskQuery('overdue')).toBe('take=50&overdue=true');
    expect(taskQuery('all')).toBe('take=50');
  });
});
