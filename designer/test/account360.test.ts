import { describe, expect, it } from 'vitest';
import type { HealthView, UsageDay } from '../src/api/account360';
import type { InstanceSummary } from '../src/api/types';
import {
  canEditCriteria, contractTerms, criteriaWithEdit, criteriaWithout, criterionForm, csmText, gapText, healthChartOption, healthSummary, healthTable,
  indicatorChartOption, trendText, usageChartOption, usageTable, waitingText,
} from '../src/model/account360';

const indicators = (activity: number) => ['activity', 'materialInput', 'contentOutput', 'coverage', 'apiUsage']
  .map((name, k) => ({ name, weight: 20, value: k, baseline: 0, score: k === 0 ? activity : 50, explanation: '' }));

const view: HealthView = {
  accountId: 'a', grain: 'weekly', trend: 'down', weights: {},
  bands: { yellowFrom: 50, greenFrom: 75, red: '< 50', yellow: '50–74', green: '>= 75' },
  // newest first, as the API lists them
  history: [
    { periodStart: '2026-03-16', periodEnd: '2026-03-22', score: 45, band: 'red', indicators: indicators(30) },
    { periodStart: '2026-03-09', periodEnd: '2026-03-15', score: 60, band: 'yellow', indicators: indicators(60) },
    { periodStart: '2026-03-02', periodEnd: '2026-03-08', score: 80, band: 'green', indicators: indicators(90) },
  ],
};

describe('health chart', () => {
  it('draws one point per period, oldest first, each in its band colour, over the three band areas', () => {
    const option = healthChartOption(view) as { xAxis: { data: string[] }; series: { data: { value: number; itemStyle: { color: string } }[]; markArea: { data: { yAxis: number }[][] } }[] };
    expect(option.xAxis.data).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(option.series).toHaveLength(1);
    expect(option.series[0].data.map((d) => d.value)).toEqual([80, 60, 45]);
    expect(new Set(option.series[0].data.map((d) => d.itemStyle.color)).size).toBe(3);
    expect(option.series[0].markArea.data.map(([from, to]) => [from.yAxis, to.yAxis])).toEqual([[0, 50], [50, 75], [75, 100]]);
  });
  it('draws the five indicators as five lines', () => {
    const option = indicatorChartOption(view) as { series: { name: string; data: (number | null)[] }[] };
    expect(option.series.map((s) => s.name)).toEqual(['Activity', 'Material input', 'Content output', 'Coverage', 'API usage']);
    expect(option.series[0].data).toEqual([90, 60, 30]);
  });
  it('gives the data as a table and a sentence', () => {
    const table = healthTable(view);
    expect(table.columns).toEqual(['periodStart', 'periodEnd', 'score', 'band', 'activity', 'materialInput', 'contentOutput', 'coverage', 'apiUsage']);
    expect(table.rows.map((r) => r[2])).toEqual([80, 60, 45]);
    expect(healthSummary(view)).toBe('Health score over 3 weekly periods: 80 (green) on 2026-03-02, 45 (red) on 2026-03-16.');
    expect(healthSummary({ ...view, history: [] })).toBe('No health records yet.');
  });
  it('names the trend in words and with an arrow', () => {
    expect(trendText('down')).toEqual({ arrow: '↓', words: 'falling' });
    expect(trendText('up').arrow).toBe('↑');
    expect(trendText(undefined).words).toBe('no trend yet');
  });
});

describe('usage chart', () => {
  const days: UsageDay[] = [
    { date: '2026-03-02', activeUsers: 8, materialInput: 10, contentOutput: 5, featuresUsed: ['editor', 'reports'], apiCalls: 3 },
    { date: '2026-03-03', activeUsers: 6, materialInput: 12, contentOutput: 4, featuresUsed: [], apiCalls: 0 },
  ];
  it('plots each day and keeps users and volumes on their own axes', () => {
    const option = usageChartOption(days) as { xAxis: { data: string[] }; series: { name: string; yAxisIndex?: number; data: number[] }[] };
    expect(option.xAxis.data).toEqual(['2026-03-02', '2026-03-03']);
    expect(option.series.find((s) => s.name === 'Active users')).toMatchObject({ data: [8, 6] });
    expect(option.series.find((s) => s.name === 'Material input')?.yAxisIndex).toBe(1);
    expect(usageTable(days).rows[0]).toEqual(['2026-03-02', 8, 10, 5, 'editor reports', 3]);
  });
});

describe('contracts', () => {
  it('lists the current term first and says what each renewal changed', () => {
    const terms = contractTerms({
      contract: { start: '2027-01-01', end: '2028-01-01', value: 30000, currency: 'EUR', edition: 'enterprise' },
      contractHistory: [{ start: '2026-01-01', end: '2027-01-01', value: 24000, currency: 'EUR', edition: 'pro' }],
    });
    expect(terms).toHaveLength(2);
    expect(terms[0]).toMatchObject({ start: '2027-01-01', current: true, change: 'renewal (value +25 %, edition pro → enterprise)' });
    expect(terms[1]).toMatchObject({ start: '2026-01-01', current: false, change: 'first term on record' });
    expect(contractTerms({ contract: null })).toEqual([]);
  });
});

describe('success criteria', () => {
  const criteria = [
    { id: 'b', metric: 'bookings', unit: 'per week', baseline: 100, current: 150, target: 200, progress: 50, changedBy: 'x', changedAt: 't' },
    { id: 'c', metric: 'churn', baseline: 8, target: 4, progress: 0 },
  ];
  it('shows baseline → current → target', () => {
    expect(gapText(criteria[0])).toBe('100 → 150 → 200 per week');
    expect(gapText(criteria[1])).toBe('8 → – → 4');
  });
  it('puts the edited criterion in place, numbers as numbers, blanks left out, server stamps dropped', () => {
    const form = { ...criterionForm(criteria[1]), current: '6', note: '  ' };
    expect(criteriaWithEdit(criteria, 1, form)).toEqual([
      { id: 'b', metric: 'bookings', unit: 'per week', baseline: 100, current: 150, target: 200 },
      { id: 'c', metric: 'churn', baseline: 8, current: 6, target: 4 },
    ]);
  });
  it('sends what does not parse as typed, so the server names the field', () => {
    const list = criteriaWithEdit(criteria, 2, { ...criterionForm(), metric: 'NPS', baseline: '20', target: 'high' });
    expect(list[2]).toEqual({ metric: 'NPS', baseline: 20, target: 'high' });
  });
  it('removes one', () => {
    expect(criteriaWithout(criteria, 0).map((c) => c.id)).toEqual(['c']);
  });
  it('lets ops, CS leads and the account\'s own CSM edit', () => {
    expect(canEditCriteria({ role: 'ops', csmId: null }, { csmId: 'x' })).toBe(true);
    expect(canEditCriteria({ role: 'cs-lead', csmId: null }, {})).toBe(true);
    expect(canEditCriteria({ role: 'csm', csmId: 'dana' }, { csmId: 'dana' })).toBe(true);
    expect(canEditCriteria({ role: 'csm', csmId: 'dana' }, { csmId: 'lee' })).toBe(false);
    expect(canEditCriteria({ role: 'viewer', csmId: null }, { csmId: 'x' })).toBe(false);
    expect(canEditCriteria(undefined, { csmId: 'x' })).toBe(false);
  });
});

describe('header and playbooks', () => {
  it('names the CSM', () => {
    expect(csmText({ csm: { id: 'c', name: 'Casey' } })).toBe('Casey');
    expect(csmText({ csmId: 'dana' })).toBe('dana');
    expect(csmText({})).toBe('unassigned');
  });
  it('says where an instance waits', () => {
    const base: InstanceSummary = { id: 'i', playbookId: 'p', version: 1, accountId: 'a', status: 'running', holdout: false, createdAt: '', updatedAt: '', waitingAt: [] };
    expect(waitingText({ ...base, waitingAt: [{ stepId: 'wait-opened', eventName: 'account.opened' }] }, () => '')).toBe('waiting at wait-opened for account.opened');
    expect(waitingText({ ...base, status: 'faulted', faultedStepId: 'send', faultMessage: 'no template' }, () => '')).toBe('failed at send: no template');
  });
});
