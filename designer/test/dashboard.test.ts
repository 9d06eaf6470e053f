import { describe, expect, it } from 'vitest';
import type { CsmLoadReport, FunnelReport, HealthReport, HoldoutReport, ReasonsReport } from '../src/api/reports';
import {
  atRiskTrend, csmLoad, dashboardState, expansionByMonth, filtersOf, hasFilters, healthByTier, healthTrend, holdoutComparison,
  npsTrend, playbookFunnel, reasonsByPeriod, reportPath,
} from '../src/model/dashboard';

type Series = { name: string; stack?: string; data: unknown[] };
const series = (option: unknown) => (option as { series: Series[] }).series;
const categories = (option: unknown, axis: 'xAxis' | 'yAxis') => (option as Record<string, { data: string[] }>)[axis].data;

describe('dashboard state', () => {
  it('reads the filters and playbook from the address', () => {
    const state = dashboardState({ tier: 'KA', industry: 'real estate', csmId: '', tag: ' emea ', playbook: 'win-back', other: 'x' });
    expect(state).toEqual({ tier: 'KA', industry: 'real estate', tag: 'emea', playbook: 'win-back' });
    expect(filtersOf(state)).toEqual({ tier: 'KA', industry: 'real estate', tag: 'emea' });
    expect(hasFilters({ playbook: 'p' })).toBe(false);
    expect(hasFilters({ csmId: 'dana' })).toBe(true);
  });
  it('carries the filters to every report, with the report’s own parameters', () => {
    expect(reportPath('health', { tier: 'KA', csmId: 'dana & co' })).toBe('/api/reports/health?tier=KA&csmId=dana+%26+co');
    expect(reportPath('at-risk', {}, { weeks: 12 })).toBe('/api/reports/at-risk?weeks=12');
  });
});

describe('health', () => {
  const report: HealthReport = {
    total: 5, red: 1, yellow: 1, green: 2, unscored: 1,
    byTier: {
      micro: { total: 1, red: 0, yellow: 0, green: 0, unscored: 1 },
      KA: { total: 3, red: 1, yellow: 0, green: 2, unscored: 0 },
      none: { total: 1, red: 0, yellow: 1, green: 0, unscored: 0 },
    },
  };
  it('stacks the bands per tier in tier order, with an "all" row in the CSV', () => {
    const chart = healthByTier(report)!;
    expect(categories(chart.option, 'xAxis')).toEqual(['KA', 'micro', 'no tier']);
    expect(series(chart.option).map((s) => [s.name, s.data])).toEqual([
      ['Red', [1, 0, 0]], ['Yellow', [0, 0, 1]], ['Green', [2, 0, 0]], ['Unscored', [0, 1, 0]],
    ]);
    expect(chart.table.rows).toEqual([['KA', 3, 1, 0, 2, 0], ['micro', 1, 0, 0, 0, 1], ['no tier', 1, 0, 1, 0, 0], ['all', 5, 1, 1, 2, 1]]);
    expect(chart.summary).toBe('5 accounts: 1 red, 1 yellow, 2 green, 1 unscored.');
  });
  it('draws nothing without accounts', () => {
    expect(healthByTier({ total: 0, red: 0, yellow: 0, green: 0, unscored: 0, byTier: {} })).toBeNull();
  });
  it('trends the bands per period with the average score on its own axis', () => {
    const chart = healthTrend({ periods: [
      { periodStart: '2026-11-02', red: 1, yellow: 0, green: 3, averageScore: 71.5 },
      { periodStart: '2026-11-09', red: 2, yellow: 1, green: 1, averageScore: null },
    ] })!;
    expect(series(chart.option).map((s) => s.data)).toEqual([[1, 2], [0, 1], [3, 1], [71.5, null]]);
    expect(chart.table.rows[1]).toEqual(['2026-11-09', 2, 1, 1, null]);
    expect(healthTrend({ periods: [] })).toBeNull();
  });
});

describe('at risk, reasons, expansion', () => {
  it('counts at-risk accounts per week; nothing to draw when none ever was', () => {
    const chart = atRiskTrend({ count: 2, accounts: ['a', 'b'], trend: [{ weekStart: '2026-11-23', count: 1 }, { weekStart: '2026-11-30', count: 2 }] })!;
    expect(series(chart.option)[0].data).toEqual([1, 2]);
    expect(chart.table).toEqual({ columns: ['weekStart', 'atRisk'], rows: [['2026-11-23', 1], ['2026-11-30', 2]] });
    expect(atRiskTrend({ count: 0, accounts: [], trend: [{ weekStart: '2026-11-30', count: 0 }] })).toBeNull();
  });
  it('stacks reasons per kind and cause in each quarter', () => {
    const report: ReasonsReport = {
      by: 'quarter', total: 4,
      causes: [{ kind: 'churn', cause: 'no-incentive', count: 1 }, { kind: 'renewal', cause: 'value-proven', count: 3 }],
      periods: [
        { period: '2026-Q3', totals: { renewal: 1 }, causes: [{ kind: 'renewal', cause: 'value-proven', count: 1 }] },
        { period: '2026-Q4', totals: { renewal: 2, churn: 1 }, causes: [{ kind: 'churn', cause: 'no-incentive', count: 1 }, { kind: 'renewal', cause: 'value-proven', count: 2 }] },
      ],
    };
    const chart = reasonsByPeriod(report)!;
    expect(categories(chart.option, 'xAxis')).toEqual(['2026-Q3', '2026-Q4']);
    expect(series(chart.option).map((s) => [s.name, s.stack, s.data])).toEqual([
      ['Churn: no-incentive', 'churn', [0, 1]], ['Renewal: value-proven', 'renewal', [1, 2]],
    ]);
    expect(chart.table.rows).toEqual([['2026-Q3', 'renewal', 'value-proven', 1], ['2026-Q4', 'churn', 'no-incentive', 1], ['2026-Q4', 'renewal', 'value-proven', 2]]);
    expect(chart.summary).toBe('4 reasons recorded: 3 renewal, 0 non-renewal, 1 churn.');
    expect(reasonsByPeriod({ by: 'quarter', total: 0, causes: [], periods: [] })).toBeNull();
  });
  it('stacks expansion opportunities per month by kind', () => {
    const chart = expansionByMonth({ count: 3, accounts: 2, byKind: { upsell: 2, referral: 1 }, recent: [], byMonth: [
      { period: '2026-10', count: 1, byKind: { upsell: 1 } }, { period: '2026-11', count: 2, byKind: { upsell: 1, referral: 1 } },
    ] })!;
    expect(series(chart.option).map((s) => [s.name, s.data])).toEqual([['referral', [0, 1]], ['upsell', [1, 1]]]);
    expect(chart.table.rows).toEqual([['2026-10', 'upsell', 1], ['2026-11', 'referral', 1], ['2026-11', 'upsell', 1]]);
    expect(chart.summary).toBe('3 opportunities for 2 accounts: 1 referral, 2 upsell.');
  });
});

describe('playbooks', () => {
  it('shows each version’s reach of every step in definition order, versions without instances left out', () => {
    const report: FunnelReport = { playbookId: 'p', entered: 3, running: 1, completed: 2, cancelled: 0, faulted: 0, versions: [
      { version: 1, entered: 0, running: 0, completed: 0, cancelled: 0, faulted: 0, holdout: 0, steps: [{ stepId: 'old', instances: 0 }] },
      { version: 2, entered: 3, running: 1, completed: 2, cancelled: 0, faulted: 0, holdout: 0, steps: [{ stepId: 'start', instances: 3 }, { stepId: 'ask', instances: 2 }] },
    ] };
    const chart = playbookFunnel(report)!;
    expect(categories(chart.option, 'yAxis')).toEqual(['start', 'ask']);
    expect(series(chart.option).map((s) => [s.name, s.data])).toEqual([['Version 2', [3, 2]]]);
    expect(chart.table.rows).toEqual([[2, 'start', 3], [2, 'ask', 2]]);
    expect(playbookFunnel({ ...report, entered: 0 })).toBeNull();
  });
  it('compares renewal rate in percent and average health of holdout and treated', () => {
    const report: HoldoutReport = { playbookId: 'p', holdoutPercent: 20,
      holdout: { accounts: 2, renewed: 1, notRenewed: 1, renewalRate: 0.5, scored: 2, averageHealth: 40 },
      treated: { accounts: 8, renewed: 6, notRenewed: 1, renewalRate: 0.8571, scored: 0, averageHealth: null } };
    const chart = holdoutComparison(report)!;
    expect(series(chart.option).map((s) => [s.name, s.data])).toEqual([['Holdout', [50, 40]], ['Treated', [85.7, null]]]);
    expect(chart.table.rows).toEqual([['holdout', 2, 1, 1, 0.5, 2, 40], ['treated', 8, 6, 1, 0.8571, 0, null]]);
    expect(chart.summary).toContain('treated 8 accounts, renewal rate 85.7 %, average health unknown');
    const nobody = { accounts: 0, renewed: 0, notRenewed: 0, renewalRate: null, scored: 0, averageHealth: null };
    expect(holdoutComparison({ ...report, holdout: nobody, treated: nobody })).toBeNull();
  });
});

describe('CSM load', () => {
  const report: CsmLoadReport = { accounts: 9, capacity: 12, csms: [
    { csmId: 'omar', name: 'Omar', touchModel: 'high', capacity: 2, load: 3, utilisation: 1.5 },
    { csmId: 'dana', name: 'Dana', touchModel: 'mid', capacity: 10, load: 6, utilisation: 0.6 },
  ] };
  it('marks CSMs over capacity in the bars, the axis, the CSV and the list', () => {
    const chart = csmLoad(report)!;
    expect(categories(chart.option, 'yAxis')).toEqual(['Omar (over capacity)', 'Dana']);
    const [load, capacity] = series(chart.option);
    expect(load.data).toEqual([{ value: 3, itemStyle: { color: '#c5221f' } }, 6]);
    expect(capacity.data).toEqual([2, 10]);
    expect(chart.table.rows).toEqual([['omar', 'Omar', 'high', 2, 3, 1.5, 'yes'], ['dana', 'Dana', 'mid', 10, 6, 0.6, 'no']]);
    expect(chart.overloaded.map((c) => c.csmId)).toEqual(['omar']);
    expect(chart.summary).toBe('2 CSMs; Omar over capacity.');
  });
  it('shows only the chosen CSM under a CSM filter', () => {
    expect(csmLoad(report, 'dana')!.table.rows).toEqual([['dana', 'Dana', 'mid', 10, 6, 0.6, 'no']]);
    expect(csmLoad(report, 'nobody')).toBeNull();
  });
});

describe('NPS', () => {
  const counts = (promoters: number, passives: number, detractors: number) => {
    const responses = promoters + passives + detractors;
    return { responses, promoters, passives, detractors, nps: responses ? Math.round(((promoters - detractors) * 100) / responses) : null };
  };

  it('draws all accounts and each tier as lines, a month without answers as a gap, every cell in the CSV', () => {
    const data = npsTrend({
      all: counts(3, 1, 1),
      months: [
        { month: '2026-10', all: counts(2, 0, 1), byTier: { KA: counts(2, 0, 0), micro: counts(0, 0, 1) } },
        { month: '2026-11', all: counts(0, 0, 0), byTier: {} },
        { month: '2026-12', all: counts(1, 1, 0), byTier: { KA: counts(1, 1, 0) } },
      ],
    })!;
    const series = data.option.series as { name: string; data: (number | null)[] }[];
    expect(series.map((s) => s.name)).toEqual(['All', 'KA', 'micro']);
    expect(series[0].data).toEqual([33, null, 50]);
    expect(series[2].data).toEqual([-100, null, null]);
    expect(data.table.rows).toContainEqual(['2026-10', 'micro', 1, 0, 0, 1, -100]);
    expect(data.table.rows.filter((r) => r[0] === '2026-11')).toEqual([['2026-11', 'all', 0, 0, 0, 0, null]]);
    expect(data.summary).toBe('NPS 40 from 5 answers (3 promoters, 1 detractor) over 3 months.');
  });

  it('has nothing to draw without an answer', () => {
    expect(npsTrend({ all: counts(0, 0, 0), months: [{ month: '2026-12', all: counts(0, 0, 0), byTier: {} }] })).toBeNull();
  });
});
