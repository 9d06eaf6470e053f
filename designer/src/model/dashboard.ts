import type { EChartsOption } from 'echarts';
import type { CsvTable } from '../charts/csv';
import type {
  AtRiskReport, NpsReport, CsmLoadReport, CsmLoadRow, ExpansionReport, FunnelReport, HealthReport, HealthTrendReport, HoldoutReport, ReasonsReport,
} from '../api/reports';

/** The dashboard's account filters (the reports' query parameters) and the playbook its funnel and holdout charts show. */
export interface DashboardState { tier?: string; industry?: string; csmId?: string; tag?: string; playbook?: string }
export type DashboardFilters = Omit<DashboardState, 'playbook'>;

export const FILTER_KEYS = ['tier', 'industry', 'csmId', 'tag'] as const;
const STATE_KEYS = [...FILTER_KEYS, 'playbook'] as const;
export const TIERS = ['KA', 'ordinary', 'micro'];

/** What a chart draws, its data as a table (the CSV download) and one sentence for screen readers. */
export interface ChartData { option: EChartsOption; table: CsvTable; summary: string }

/** The state from the address (#/dashboard?tier=KA&playbook=…); unknown and empty parameters are dropped. */
export function dashboardState(params: Record<string, string>): DashboardState {
  const state: DashboardState = {};
  for (const key of STATE_KEYS) if (params[key]?.trim()) state[key] = params[key].trim();
  return state;
}

export const filtersOf = (state: DashboardState): DashboardFilters =>
  Object.fromEntries(FILTER_KEYS.filter((k) => state[k] !== undefined).map((k) => [k, state[k]]));

const query = (values: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

/** A report's API path with the account filters (and the report's own parameters) as its query. */
export function reportPath(report: string, filters: DashboardFilters, extra: Record<string, string | number> = {}): string {
  return `/api/reports/${report}${query({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k]])), ...extra })}`;
}

export const hasFilters = (state: DashboardState) => FILTER_KEYS.some((k) => state[k] !== undefined);

const BANDS = [
  { key: 'red', name: 'Red', color: '#c5221f' },
  { key: 'yellow', name: 'Yellow', color: '#e3a008' },
  { key: 'green', name: 'Green', color: '#188038' },
] as const;
const UNSCORED = { key: 'unscored', name: 'Unscored', color: '#9aa0a6' } as const;
const OVERLOADED = '#c5221f';
const LOAD = '#1f6feb';
const CAPACITY = '#b8c2cc';

const legendAndGrid = { tooltip: { trigger: 'axis' as const }, legend: { bottom: 0 }, grid: { left: 48, right: 24, top: 40, bottom: 56, containLabel: true } };
/** A horizontal chart's value axis named under its middle (at its end the name is cut off). */
const BELOW = { nameLocation: 'middle' as const, nameGap: 28 };
/** Bars no wider than this, so a chart with one or two categories does not draw slabs. */
const BAR = { type: 'bar' as const, barMaxWidth: 56 };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const tierOrder = (t: string) => (TIERS.includes(t) ? TIERS.indexOf(t) : TIERS.length);

/** Accounts per tier, stacked by health band; null when no account matches. */
export function healthByTier(report: HealthReport): ChartData | null {
  if (report.total === 0) return null;
  const tiers = Object.keys(report.byTier).sort((a, b) => tierOrder(a) - tierOrder(b) || a.localeCompare(b));
  const label = (t: string) => (t === 'none' ? 'no tier' : t);
  const bands = [...BANDS, UNSCORED];
  return {
    option: {
      ...legendAndGrid,
      xAxis: { type: 'category', data: tiers.map(label) },
      yAxis: { type: 'value', name: 'Accounts', minInterval: 1 },
      series: bands.map((b) => ({ ...BAR, stack: 'band', name: b.name, color: b.color, data: tiers.map((t) => report.byTier[t][b.key]) })),
    },
    table: {
      columns: ['tier', 'total', 'red', 'yellow', 'green', 'unscored'],
      rows: [...tiers.map((t) => [label(t), ...bandRow(report.byTier[t])]), ['all', ...bandRow(report)]],
    },
    summary: `${plural(report.total, 'account')}: ${report.red} red, ${report.yellow} yellow, ${report.green} green, ${report.unscored} unscored.`,
  };
}

const bandRow = (c: HealthReport['byTier'][string]) => [c.total, c.red, c.yellow, c.green, c.unscored];

/** Accounts per band in each health period (stacked bars) and their mean score (line, right axis); null without a period. */
export function healthTrend(report: HealthTrendReport): ChartData | null {
  if (report.periods.length === 0) return null;
  const periods = report.periods.map((p) => p.periodStart);
  const last = report.periods[report.periods.length - 1];
  return {
    option: {
      ...legendAndGrid,
      xAxis: { type: 'category', data: periods },
      yAxis: [{ type: 'value', name: 'Accounts', minInterval: 1 }, { type: 'value', name: 'Score', min: 0, max: 100 }],
      series: [
        ...BANDS.map((b) => ({ ...BAR, stack: 'band', name: b.name, color: b.color, data: report.periods.map((p) => p[b.key]) })),
        { type: 'line', name: 'Average score', yAxisIndex: 1, color: '#3c4043', data: report.periods.map((p) => p.averageScore) },
      ],
    },
    table: { columns: ['periodStart', 'red', 'yellow', 'green', 'averageScore'], rows: report.periods.map((p) => [p.periodStart, p.red, p.yellow, p.green, p.averageScore]) },
    summary: `${plural(periods.length, 'health period')} from ${periods[0]}; latest ${last.periodStart}: ${last.red} red, ${last.yellow} yellow, ${last.green} green, average score ${last.averageScore ?? 'none'}.`,
  };
}

/** NPS per month, all accounts and each tier as its own line (a month without answers is a gap); null without any answer. */
export function npsTrend(report: NpsReport): ChartData | null {
  if (report.all.responses === 0) return null;
  const months = report.months.map((m) => m.month);
  const tiers = [...new Set(report.months.flatMap((m) => Object.keys(m.byTier)))].sort();
  return {
    option: {
      ...legendAndGrid,
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', name: 'NPS', min: -100, max: 100 },
      series: [
        { type: 'line', name: 'All', color: '#3c4043', connectNulls: false, data: report.months.map((m) => m.all.nps) },
        ...tiers.map((t) => ({ type: 'line' as const, name: t, connectNulls: false, data: report.months.map((m) => m.byTier[t]?.nps ?? null) })),
      ],
    },
    table: {
      columns: ['month', 'tier', 'responses', 'promoters', 'passives', 'detractors', 'nps'],
      rows: report.months.flatMap((m) => [['all', m.all] as const, ...Object.entries(m.byTier)].map(([tier, c]) =>
        [m.month, tier, c.responses, c.promoters, c.passives, c.detractors, c.nps])),
    },
    summary: `NPS ${report.all.nps} from ${plural(report.all.responses, 'answer')} (${plural(report.all.promoters, 'promoter')}, ${plural(report.all.detractors, 'detractor')}) over ${plural(months.length, 'month')}.`,
  };
}

/** Accounts at-risk at the end of each week; null when none was at risk in any of them. */
export function atRiskTrend(report: AtRiskReport): ChartData | null {
  if (report.count === 0 && report.trend.every((w) => w.count === 0)) return null;
  return {
    option: {
      ...legendAndGrid,
      xAxis: { type: 'category', data: report.trend.map((w) => w.weekStart) },
      yAxis: { type: 'value', name: 'Accounts', minInterval: 1 },
      series: [{ ...BAR, name: 'At risk', color: OVERLOADED, data: report.trend.map((w) => w.count) }],
    },
    table: { columns: ['weekStart', 'atRisk'], rows: report.trend.map((w) => [w.weekStart, w.count]) },
    summary: `${plural(report.count, 'account')} at risk now; weekly counts over ${plural(report.trend.length, 'week')}.`,
  };
}

const KIND_NAMES: Record<string, string> = { renewal: 'Renewal', 'non-renewal': 'Non-renewal', churn: 'Churn' };

/** Reasons per period: one stack per kind (renewal, non-renewal, churn), split by cause; null without a reason. */
export function reasonsByPeriod(report: ReasonsReport): ChartData | null {
  if (report.total === 0) return null;
  const periods = report.periods.map((p) => p.period);
  const pairs = report.causes.map((c) => ({ kind: c.kind, cause: c.cause }));
  const count = (period: string, kind: string, cause: string) =>
    report.periods.find((p) => p.period === period)?.causes.find((c) => c.kind === kind && c.cause === cause)?.count ?? 0;
  const totals = Object.entries(KIND_NAMES).map(([k, name]) => `${report.causes.filter((c) => c.kind === k).reduce((n, c) => n + c.count, 0)} ${name.toLowerCase()}`);
  return {
    option: {
      ...legendAndGrid,
      legend: { bottom: 0, type: 'scroll' },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: 'Reasons', minInterval: 1 },
      series: pairs.map((p) => ({
        ...BAR, stack: p.kind, name: `${KIND_NAMES[p.kind] ?? p.kind}: ${p.cause}`, data: periods.map((period) => count(period, p.kind, p.cause)),
      })),
    },
    table: { columns: ['period', 'kind', 'cause', 'count'], rows: report.periods.flatMap((p) => p.causes.map((c) => [p.period, c.kind, c.cause, c.count])) },
    summary: `${plural(report.total, 'reason')} recorded: ${totals.join(', ')}.`,
  };
}

/** Expansion opportunities handed to sales per month, stacked by kind; null without any. */
export function expansionByMonth(report: ExpansionReport): ChartData | null {
  if (report.count === 0) return null;
  const months = report.byMonth.map((m) => m.period);
  const kinds = Object.keys(report.byKind).sort();
  return {
    option: {
      ...legendAndGrid,
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', name: 'Opportunities', minInterval: 1 },
      series: kinds.map((k) => ({ ...BAR, stack: 'kind', name: k, data: report.byMonth.map((m) => m.byKind[k] ?? 0) })),
    },
    table: { columns: ['period', 'kind', 'count'], rows: report.byMonth.flatMap((m) => Object.keys(m.byKind).sort().map((k) => [m.period, k, m.byKind[k]])) },
    summary: `${plural(report.count, 'opportunity', 'opportunities')} for ${plural(report.accounts, 'account')}: ${kinds.map((k) => `${report.byKind[k]} ${k}`).join(', ')}.`,
  };
}

/** Instances that reached each step, in the definition's order, one series per version; null when none entered. */
export function playbookFunnel(report: FunnelReport): ChartData | null {
  if (report.entered === 0) return null;
  const versions = report.versions.filter((v) => v.entered > 0);
  const steps = [...new Set(versions.flatMap((v) => v.steps.map((s) => s.stepId)))];
  return {
    option: {
      ...legendAndGrid,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      yAxis: { type: 'category', data: steps, inverse: true },
      xAxis: { type: 'value', name: 'Instances', minInterval: 1, ...BELOW },
      series: versions.map((v) => ({ ...BAR, name: `Version ${v.version}`, data: steps.map((s) => v.steps.find((x) => x.stepId === s)?.instances ?? 0) })),
    },
    table: { columns: ['version', 'stepId', 'instances'], rows: versions.flatMap((v) => v.steps.map((s) => [v.version, s.stepId, s.instances])) },
    summary: `${plural(report.entered, 'instance')} entered: ${report.running} running, ${report.completed} completed, ${report.cancelled} cancelled, ${report.faulted} faulted.`,
  };
}

/** Holdout vs treated: renewal rate (%) and average health side by side; null when the playbook enrolled no account. */
export function holdoutComparison(report: HoldoutReport): ChartData | null {
  if (report.holdout.accounts + report.treated.accounts === 0) return null;
  const groups = [{ name: 'Holdout', color: '#9aa0a6', g: report.holdout }, { name: 'Treated', color: LOAD, g: report.treated }];
  // The host leaves null members out: an unknown rate arrives absent.
  const rate = (r: number | null | undefined) => (r == null ? null : Math.round(r * 1000) / 10);
  const says = (name: string, g: typeof report.holdout) =>
    `${name} ${plural(g.accounts, 'account')}, renewal rate ${rate(g.renewalRate) ?? 'unknown'}${g.renewalRate == null ? '' : ' %'}, average health ${g.averageHealth ?? 'unknown'}`;
  return {
    option: {
      ...legendAndGrid,
      xAxis: { type: 'category', data: ['Renewal rate (%)', 'Average health'] },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: groups.map(({ name, color, g }) => ({ ...BAR, name, color, data: [rate(g.renewalRate), g.averageHealth ?? null] })),
    },
    table: {
      columns: ['group', 'accounts', 'renewed', 'notRenewed', 'renewalRate', 'scored', 'averageHealth'],
      rows: groups.map(({ name, g }) => [name.toLowerCase(), g.accounts, g.renewed, g.notRenewed, g.renewalRate, g.scored, g.averageHealth]),
    },
    summary: `${says('Holdout', report.holdout)}; ${says('treated', report.treated)} (holdout share ${report.holdoutPercent} %).`,
  };
}

export const isOverloaded = (c: CsmLoadRow) => c.load > c.capacity;

/** Each CSM's load beside capacity, overloaded bars in red (only the filtered CSM when one is chosen); null without CSMs. */
export function csmLoad(report: CsmLoadReport, csmId?: string): (ChartData & { overloaded: CsmLoadRow[] }) | null {
  const rows = csmId ? report.csms.filter((c) => c.csmId === csmId) : report.csms;
  if (rows.length === 0) return null;
  const overloaded = rows.filter(isOverloaded);
  return {
    option: {
      ...legendAndGrid,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      yAxis: { type: 'category', data: rows.map((c) => (isOverloaded(c) ? `${c.name} (over capacity)` : c.name)), inverse: true },
      xAxis: { type: 'value', name: 'Accounts', minInterval: 1, ...BELOW },
      series: [
        { ...BAR, name: 'Load', color: LOAD, data: rows.map((c) => (isOverloaded(c) ? { value: c.load, itemStyle: { color: OVERLOADED } } : c.load)) },
        { ...BAR, name: 'Capacity', color: CAPACITY, data: rows.map((c) => c.capacity) },
      ],
    },
    table: {
      columns: ['csmId', 'name', 'touchModel', 'capacity', 'load', 'utilisation', 'overloaded'],
      rows: rows.map((c) => [c.csmId, c.name, c.touchModel, c.capacity, c.load, c.utilisation, isOverloaded(c) ? 'yes' : 'no']),
    },
    summary: `${plural(rows.length, 'CSM')}; ${overloaded.length === 0 ? 'none' : overloaded.map((c) => c.name).join(', ')} over capacity.`,
    overloaded,
  };
}
