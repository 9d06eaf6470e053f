import type { CsvTable } from '../charts/csv';
import type { EmailCounts, ForecastCounts, ForecastResult } from '../api/forecast';

/** The two sides a forecast compares, as the designer names them. */
export const SIDES = [{ key: 'candidate', label: 'Draft' }, { key: 'published', label: 'Published' }] as const;
const KINDS = ['sent', 'deferred', 'suppressed'] as const;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const keys = (maps: Record<string, unknown>[]) => [...new Set(maps.flatMap((m) => Object.keys(m)))].sort();
const emailTotal = (c: ForecastCounts, kind: keyof EmailCounts) => sum(Object.values(c.emails).map((e) => e[kind]));

/** Per week: emails sent, deferred and suppressed with the draft and with the published version. */
export function emailSeries(result: ForecastResult): { name: string; stack: string; kind: keyof EmailCounts; values: number[] }[] {
  return SIDES.flatMap((side) => KINDS.map((kind) => ({
    name: `${side.label} · ${kind}`, stack: side.label, kind, values: result.weekly.map((w) => emailTotal(w[side.key], kind)),
  })));
}

/** Per template over the whole span: the draft's and the published version's emails (the "by template" table). */
export function emailsByTemplate(result: ForecastResult): { template: string; draft: EmailCounts; published: EmailCounts }[] {
  const { candidate, published } = result.totals;
  const none: EmailCounts = { sent: 0, deferred: 0, suppressed: 0 };
  return keys([candidate.emails, published.emails]).map((template) => ({
    template, draft: candidate.emails[template] ?? none, published: published.emails[template] ?? none,
  }));
}

/** Every week × template, draft and published: the emails chart's CSV. */
export function emailTable(result: ForecastResult): CsvTable {
  const columns = ['week', 'from', 'template', ...SIDES.flatMap((s) => KINDS.map((k) => `${s.label.toLowerCase()} ${k}`))];
  const rows = result.weekly.flatMap((w) => keys([w.candidate.emails, w.published.emails]).map((template) => [
    w.week, w.from.slice(0, 10), template, ...SIDES.flatMap((s) => KINDS.map((k) => w[s.key].emails[template]?.[k] ?? 0)),
  ]));
  return { columns, rows };
}

/** Per week: tasks by assignee role with the draft and with the published version. */
export function taskSeries(result: ForecastResult): { name: string; stack: string; values: number[] }[] {
  const roles = keys(result.weekly.flatMap((w) => [w.candidate.tasksByRole, w.published.tasksByRole]));
  return SIDES.flatMap((side) => roles.map((role) => ({
    name: `${side.label} · ${role}`, stack: side.label, values: result.weekly.map((w) => w[side.key].tasksByRole[role] ?? 0),
  })));
}

export function taskTable(result: ForecastResult): CsvTable {
  const roles = keys(result.weekly.flatMap((w) => [w.candidate.tasksByRole, w.published.tasksByRole]));
  return {
    columns: ['week', 'from', 'role', 'draft tasks', 'published tasks', 'difference'],
    rows: result.weekly.flatMap((w) => roles.map((role) => {
      const [draft, published] = [w.candidate.tasksByRole[role] ?? 0, w.published.tasksByRole[role] ?? 0];
      return [w.week, w.from.slice(0, 10), role, draft, published, draft - published];
    })),
  };
}

/** Per CSM (named where the name is known) and week: tasks given to them with the draft. */
export function csmLoad(result: ForecastResult, names: Record<string, string>): { csmId: string; name: string; values: number[] }[] {
  return keys(result.weekly.map((w) => w.candidate.tasksByCsm)).map((csmId) => ({
    csmId, name: names[csmId] ?? result.overloaded.find((o) => o.csmId === csmId)?.name ?? csmId,
    values: result.weekly.map((w) => w.candidate.tasksByCsm[csmId] ?? 0),
  }));
}

export function csmLoadTable(result: ForecastResult, names: Record<string, string>): CsvTable {
  const capacity = result.taskCapacityPerWeek;
  return {
    columns: ['week', 'from', 'csm id', 'csm', 'draft tasks', 'capacity', 'over capacity'],
    rows: csmLoad(result, names).flatMap((csm) => csm.values.map((tasks, i) =>
      [i + 1, result.weekly[i].from.slice(0, 10), csm.csmId, csm.name, tasks, capacity, tasks > capacity ? 'yes' : 'no'])),
  };
}
