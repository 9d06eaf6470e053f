import type { EChartsOption } from '../charts/Chart';
import type { CsvTable } from '../charts/csv';
import type { CriterionInput, HealthPeriod, HealthTrend, HealthView, SuccessCriterion, UsageDay } from '../api/account360';
import type { Account, InstanceSummary, Me } from '../api/types';
import { humanize } from './success';

const BAND_COLOURS = { red: '#dc2626', yellow: '#ca8a04', green: '#16a34a' } as const;
/** Labels stay readable up to this many periods (one per period); beyond, ECharts thins them. */
const LABELLED_PERIODS = 16;

/** Health records oldest first (the API lists newest first). */
export function periodsOldestFirst(history: HealthPeriod[]): HealthPeriod[] {
  return [...history].sort((a, b) => a.periodStart.localeCompare(b.periodStart));
}

/** The trend as an arrow and words, for the header: "↓ falling". */
export function trendText(trend: HealthTrend | undefined): { arrow: string; words: string } {
  switch (trend) {
    case 'up': return { arrow: '↑', words: 'rising' };
    case 'down': return { arrow: '↓', words: 'falling' };
    case 'flat': return { arrow: '→', words: 'steady' };
    default: return { arrow: '·', words: 'no trend yet' };
  }
}

/** The score per period as a line over the bands (red / yellow / green background areas); each point in its band's colour. */
export function healthChartOption(view: HealthView): EChartsOption {
  const periods = periodsOldestFirst(view.history);
  const { yellowFrom, greenFrom } = view.bands;
  const area = (from: number, to: number, colour: string, name: string) =>
    [{ name, yAxis: from, itemStyle: { color: colour, opacity: 0.12 } }, { yAxis: to }];
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 40 },
    xAxis: { type: 'category', name: 'Period', nameLocation: 'middle', nameGap: 26, data: periods.map((p) => p.periodStart),
      axisLabel: { interval: periods.length <= LABELLED_PERIODS ? 0 : 'auto' } },
    yAxis: { type: 'value', min: 0, max: 100, name: 'Score' },
    series: [{
      type: 'line', name: 'Health score', showSymbol: true, symbolSize: 8,
      data: periods.map((p) => ({ value: p.score, itemStyle: { color: BAND_COLOURS[p.band as keyof typeof BAND_COLOURS] ?? '#64748b' } })),
      lineStyle: { color: '#1e3a8a', width: 2 },
      markArea: { silent: true, label: { show: true, position: 'insideTopRight' }, data: [
        area(0, yellowFrom, BAND_COLOURS.red, 'red'), area(yellowFrom, greenFrom, BAND_COLOURS.yellow, 'yellow'), area(greenFrom, 100, BAND_COLOURS.green, 'green'),
      ] as never },
    }],
  };
}

/** The five indicators' scores (0–100) per period, one line each. */
export function indicatorChartOption(view: HealthView): EChartsOption {
  const periods = periodsOldestFirst(view.history);
  const names = indicatorNames(periods);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: periods.map((p) => p.periodStart), axisLabel: { interval: periods.length <= LABELLED_PERIODS ? 0 : 'auto' } },
    yAxis: { type: 'value', min: 0, max: 100, name: 'Score' },
    series: names.map((name) => ({
      type: 'line' as const, name: humanize(name), showSymbol: periods.length <= LABELLED_PERIODS,
      data: periods.map((p) => p.indicators.find((i) => i.name === name)?.score ?? null),
    })),
  };
}

/** Indicator names in the order the first period lists them (the API's: activity, material input, …). */
export function indicatorNames(periods: HealthPeriod[]): string[] {
  const names: string[] = [];
  for (const p of periods) for (const i of p.indicators) if (!names.includes(i.name)) names.push(i.name);
  return names;
}

/** The chart's data as a table: one row per period with score, band and each indicator's score. */
export function healthTable(view: HealthView): CsvTable {
  const periods = periodsOldestFirst(view.history);
  const names = indicatorNames(periods);
  return {
    columns: ['periodStart', 'periodEnd', 'score', 'band', ...names],
    rows: periods.map((p) => [p.periodStart, p.periodEnd, p.score, p.band, ...names.map((n) => p.indicators.find((i) => i.name === n)?.score ?? null)]),
  };
}

/** One sentence for screen readers: how many periods, from where to where. */
export function healthSummary(view: HealthView): string {
  const periods = periodsOldestFirst(view.history);
  if (periods.length === 0) return 'No health records yet.';
  const first = periods[0];
  const last = periods[periods.length - 1];
  return `Health score over ${periods.length} ${view.grain} period${periods.length === 1 ? '' : 's'}: ${first.score} (${first.band}) on ${first.periodStart}, ${last.score} (${last.band}) on ${last.periodStart}.`;
}

/** Active users (left axis) and material input / content output (right axis) per day. */
export function usageChartOption(days: UsageDay[]): EChartsOption {
  const dates = days.map((d) => d.date);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: dates },
    yAxis: [{ type: 'value', name: 'Users', minInterval: 1 }, { type: 'value', name: 'Volume' }],
    series: [
      { type: 'line', name: 'Active users', data: days.map((d) => d.activeUsers), showSymbol: false },
      { type: 'line', name: 'Material input', yAxisIndex: 1, data: days.map((d) => d.materialInput), showSymbol: false },
      { type: 'line', name: 'Content output', yAxisIndex: 1, data: days.map((d) => d.contentOutput), showSymbol: false },
      { type: 'bar', name: 'API calls', yAxisIndex: 1, data: days.map((d) => d.apiCalls) },
    ],
  };
}

export function usageTable(days: UsageDay[]): CsvTable {
  return {
    columns: ['date', 'activeUsers', 'materialInput', 'contentOutput', 'featuresUsed', 'apiCalls'],
    rows: days.map((d) => [d.date, d.activeUsers, d.materialInput, d.contentOutput, d.featuresUsed.join(' '), d.apiCalls]),
  };
}

export function usageSummary(days: UsageDay[]): string {
  if (days.length === 0) return 'No usage recorded yet.';
  const peak = Math.max(...days.map((d) => d.activeUsers));
  const last = days[days.length - 1];
  return `Daily usage from ${days[0].date} to ${last.date}: ${last.activeUsers} active users on the last day, a peak of ${peak}.`;
}

/** A contract term as the account page lists it. */
export interface ContractTerm {
  start?: string; end?: string; value?: number; currency?: string; edition?: string;
  current: boolean;
  /** What this term was: the first one on record, or a renewal of the one before (with what changed). */
  change: string;
}

/** The current contract and the earlier ones (`contractHistory`), newest first, each saying how it followed the one before. */
export function contractTerms(account: Pick<Account, 'contract'> & { contractHistory?: unknown }): ContractTerm[] {
  const history = Array.isArray(account.contractHistory) ? account.contractHistory as Record<string, unknown>[] : [];
  const terms = [...history, ...(account.contract ? [account.contract as Record<string, unknown>] : [])]
    .map((c, k, all) => ({ c, k, current: !!account.contract && k === all.length - 1 }));
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const rows = terms.map(({ c, k, current }) => {
    const before = k > 0 ? terms[k - 1].c : undefined;
    const changes: string[] = [];
    if (before) {
      const [was, is] = [num(before.value), num(c.value)];
      if (was !== undefined && is !== undefined && was !== is) changes.push(`value ${is > was ? '+' : ''}${Math.round(((is - was) / (was || 1)) * 100)} %`);
      if (str(before.edition) && str(c.edition) && before.edition !== c.edition) changes.push(`edition ${before.edition} → ${c.edition}`);
    }
    return {
      start: str(c.start), end: str(c.end), value: num(c.value), currency: str(c.currency), edition: str(c.edition), current,
      change: before ? `renewal${changes.length ? ` (${changes.join(', ')})` : ''}` : 'first term on record',
    };
  });
  return rows.reverse();
}

/** "24,000 EUR", "—" without a value. */
export function moneyText(value?: number, currency?: string): string {
  return value === undefined ? '—' : `${value.toLocaleString('en')}${currency ? ` ${currency}` : ''}`;
}

/** The account's CSM by name (the document's `csm`), else its id; "unassigned". */
export function csmText(account: Pick<Account, 'csm' | 'csmId'>): string {
  return account.csm?.name ?? account.csmId ?? account.csm?.id ?? 'unassigned';
}

/** Whether this person may agree the criteria: ops and CS leads any account, a CSM their own (the server decides; this hides the form). */
export function canEditCriteria(me: Pick<Me, 'role' | 'csmId'> | undefined, account: Pick<Account, 'csmId'>): boolean {
  if (!me) return false;
  if (me.role === 'ops' || me.role === 'cs-lead') return true;
  return me.role === 'csm' && !!me.csmId && me.csmId === account.csmId;
}

/** "100 → 150 → 200 bookings/week": baseline → current → target. */
export function gapText(c: SuccessCriterion): string {
  const n = (v?: number | null) => (v === null || v === undefined ? '?' : String(v));
  return `${n(c.baseline)} → ${c.current === null || c.current === undefined ? '–' : n(c.current)} → ${n(c.target)}${c.unit ? ` ${c.unit}` : ''}`;
}

/** The form's text fields for one criterion (inputs hold text). */
export type CriterionForm = Record<'metric' | 'unit' | 'baseline' | 'current' | 'target' | 'due' | 'agreedBy' | 'agreedAt' | 'note', string>;

export function criterionForm(c?: SuccessCriterion): CriterionForm {
  const t = (v?: string | number | null) => (v === null || v === undefined ? '' : String(v));
  return {
    metric: t(c?.metric), unit: t(c?.unit), baseline: t(c?.baseline), current: t(c?.current), target: t(c?.target),
    due: t(c?.due), agreedBy: t(c?.agreedBy), agreedAt: t(c?.agreedAt), note: t(c?.note),
  };
}

/** A criterion as stored (the fields a PUT carries). */
export function criterionInput(c: SuccessCriterion): CriterionInput {
  const { id, metric, unit, baseline, current, target, due, agreedBy, agreedAt, note } = c;
  return Object.fromEntries(Object.entries({ id, metric, unit, baseline, current, target, due, agreedBy, agreedAt, note })
    .filter(([, v]) => v !== null && v !== undefined)) as CriterionInput;
}

/**
 * The list to PUT when the criterion at `index` (or a new one, index = criteria.length) is saved from the form: blank
 * fields are left out; numbers that do not parse are sent as typed, so the server names the field.
 */
export function criteriaWithEdit(criteria: SuccessCriterion[], index: number, form: CriterionForm): CriterionInput[] {
  const edited: Record<string, unknown> = { id: criteria[index]?.id ?? undefined };
  for (const [field, raw] of Object.entries(form)) {
    const text = raw.trim();
    if (!text) continue;
    const numeric = field === 'baseline' || field === 'current' || field === 'target';
    edited[field] = numeric && text !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
  }
  if (edited.id === undefined) delete edited.id;
  const list = criteria.map(criterionInput);
  list[index] = edited as CriterionInput;
  return list;
}

/** The list to PUT without the criterion at `index`. */
export function criteriaWithout(criteria: SuccessCriterion[], index: number): CriterionInput[] {
  return criteria.filter((_, k) => k !== index).map(criterionInput);
}

/** Running or failed instances, and where each waits: "waiting at wait-opened (until …)" / "failed at send". */
export function activeInstances(instances: InstanceSummary[]): InstanceSummary[] {
  return instances.filter((i) => i.status === 'running' || i.status === 'faulted');
}

export function waitingText(i: InstanceSummary, when: (iso?: string | null) => string): string {
  if (i.faultedStepId) return `failed at ${i.faultedStepId}${i.faultMessage ? `: ${i.faultMessage}` : ''}`;
  if (i.waitingAt.length === 0) return 'running';
  return `waiting at ${i.waitingAt.map((w) => `${w.stepId}${w.eventName ? ` for ${w.eventName}` : ''}${w.dueAt ? ` until ${when(w.dueAt)}` : ''}`).join(', ')}`;
}
