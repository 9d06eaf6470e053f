import type { EmailSummary, HealthIndicator, TaskItem } from '../api/types';

/** A date-time for tables; "—" when missing. */
export const when = (iso?: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** The CSS class of a health band badge (green / yellow / red; anything else neutral). */
export function bandClass(band?: string | null): string {
  return band === 'green' || band === 'yellow' || band === 'red' ? `band-${band}` : 'band-none';
}

/** "analytics-usage" / "activeUsers" → "Analytics usage" / "Active users". */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_.]+/g, ' ').trim().toLowerCase();
  const text = words.replace(/\b(api|csm|kpi|url)\b/g, (w) => w.toUpperCase());
  return text ? text[0].toUpperCase() + text.slice(1) : name;
}

/** A weight in percent of the score (the API's weights add up to 100): 30 → "30 %". */
export function formatWeight(weight: number): string {
  return `${Math.round(weight * 10) / 10} %`;
}

/** An indicator value or score with at most two decimals; "no data" when null. */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return 'no data';
  return String(Math.round(n * 100) / 100);
}

export function indicatorRows(indicators: HealthIndicator[] | undefined) {
  return (indicators ?? []).map((i) => ({
    name: humanize(i.name), weight: formatWeight(i.weight), value: formatNumber(i.value), score: formatNumber(i.score), explanation: i.explanation ?? '',
  }));
}

/** What an email's state means in a sentence: deferred until when and why, suppressed / failed and why. */
export function emailStateText(e: Pick<EmailSummary, 'state' | 'reason' | 'deferredUntil' | 'sentAt' | 'attempts'>): string {
  const why = e.reason ? ` (${e.reason})` : '';
  switch (e.state) {
    case 'queued': return 'queued, waiting for delivery';
    case 'sending': return 'being sent';
    case 'deferred': return `deferred${e.deferredUntil ? ` until ${when(e.deferredUntil)}` : ''}${why}`;
    case 'sent': return `sent${e.sentAt ? ` ${when(e.sentAt)}` : ''}`;
    case 'failed': return `failed after ${e.attempts} attempt${e.attempts === 1 ? '' : 's'}${why}`;
    case 'suppressed': return `suppressed, not sent${why}`;
    default: return `${e.state}${why}`;
  }
}

/** Due text for a task: "overdue since …", "due …", "no due date"; completed tasks say when and by whom. */
export function taskDueText(t: Pick<TaskItem, 'status' | 'dueAt' | 'overdue' | 'completedAt' | 'completedBy'>): string {
  if (t.status === 'completed') return `completed ${when(t.completedAt)}${t.completedBy ? ` by ${t.completedBy}` : ''}`;
  if (t.status === 'cancelled') return 'cancelled';
  if (!t.dueAt) return 'no due date';
  return t.overdue ? `overdue since ${when(t.dueAt)}` : `due ${when(t.dueAt)}`;
}

/**
 * The completion result from the note field: empty → no result; a JSON object ({ "cause": "…" }) as it is;
 * any other text → { note: text }.
 */
export function completionResult(text: string): Record<string, unknown> | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (t.startsWith('{')) {
    try {
      const parsed = JSON.parse(t) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch { /* plain text */ }
  }
  return { note: t };
}

/** The query string of the task filter: open (default), overdue (open and past due), completed, all. */
export type TaskFilter = 'open' | 'overdue' | 'completed' | 'all';
/** Tasks a page of the flat task lists shows. */
export const TASK_PAGE = 50;

export function taskQuery(filter: TaskFilter, skip = 0): string {
  const q = new URLSearchParams({ take: String(TASK_PAGE) });
  if (skip > 0) q.set('skip', String(skip));
  if (filter === 'open') q.set('status', 'open');
  if (filter === 'overdue') q.set('overdue', 'true');
  if (filter === 'completed') q.set('status', 'completed');
  return q.toString();
}
