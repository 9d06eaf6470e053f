import type { AccountContext, WorkbenchView, WorkItem } from '../api/types';

/** The workbench's groups in the order a CSM works them (the server's `groups` keys). */
export const WORK_GROUPS = [
  { key: 'overdue', title: 'Overdue' },
  { key: 'today', title: 'Today' },
  { key: 'week', title: 'This week' },
  { key: 'later', title: 'Later' },
] as const;

/** The groups to show, in order, each with its items (empty groups included, so a CSM sees "nothing overdue"). */
export function workGroups(view: WorkbenchView): { key: string; title: string; items: WorkItem[] }[] {
  return WORK_GROUPS.map((g) => ({ ...g, items: view.groups[g.key] ?? [] }));
}

const ARROWS: Record<AccountContext['healthTrend'], { arrow: string; text: string }> = {
  up: { arrow: '↑', text: 'rising' },
  down: { arrow: '↓', text: 'falling' },
  flat: { arrow: '→', text: 'steady' },
  unknown: { arrow: '', text: 'no trend yet' },
};

/** The health band with its trend arrow, e.g. "red ↓" (read as "red, falling"). */
export function healthText(a: Pick<AccountContext, 'healthBand' | 'healthScore' | 'healthTrend'>): { shown: string; spoken: string } {
  const band = a.healthBand ? `${a.healthBand}${a.healthScore != null ? ` ${a.healthScore}` : ''}` : 'no health score';
  const t = ARROWS[a.healthTrend] ?? ARROWS.unknown;
  return { shown: t.arrow ? `${band} ${t.arrow}` : band, spoken: `health ${band}, ${t.text}` };
}

/** A date (yyyy-MM-dd or ISO) as the day, or a dash. */
export const day = (iso?: string | null) => (iso ? iso.slice(0, 10) : '—');

/** The account context as label/value pairs, in the order the card shows them. */
export function contextFacts(a: AccountContext): { label: string; value: string }[] {
  return [
    { label: 'Tier', value: a.tier ?? '—' },
    { label: 'Stage', value: a.stage ?? '—' },
    { label: 'Contract ends', value: day(a.contractEnd) },
    { label: 'Open must-complete', value: String(a.openRequiredTasks) },
    { label: 'Last touch', value: day(a.lastTouch) },
  ];
}

/** Tomorrow (UTC) as yyyy-MM-dd: the earliest day a task can be snoozed to. */
export function tomorrow(now: Date = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return d.toISOString().slice(0, 10);
}
