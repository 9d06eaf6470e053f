/**
 * Durations as people say them ("7 days", "4 months before") and as the engine stores them (ISO-8601: P7D, -P4M).
 * Calendar units stay calendar units: P1M is one month, never 30 days.
 */
export type DurationUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years';

/** A duration the picker can show: one amount of one unit, optionally negative ("before"). */
export interface SimpleDuration { amount: number; unit: DurationUnit; negative: boolean }

export const DURATION_UNITS: DurationUnit[] = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'];

const ISO = /^(-)?P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

interface IsoParts { negative: boolean; years: number; months: number; weeks: number; days: number; hours: number; minutes: number; seconds: number }

/** Parses an ISO-8601 duration; null when the text is not one. */
export function parseIso(text: string): IsoParts | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const n = (s: string | undefined) => (s ? Number(s) : 0);
  return { negative: !!m[1], years: n(m[2]), months: n(m[3]), weeks: n(m[4]), days: n(m[5]), hours: n(m[6]), minutes: n(m[7]), seconds: n(m[8]) };
}

export function isIsoDuration(text: string): boolean { return parseIso(text) !== null; }

/** The picker form of an ISO duration, or null when it has several units (then the picker offers the ISO text). */
export function toSimple(iso: string): SimpleDuration | null {
  const p = parseIso(iso);
  if (!p || p.seconds) return null;
  const used = (['years', 'months', 'weeks', 'days', 'hours', 'minutes'] as const).filter((u) => p[u] !== 0);
  if (used.length > 1) return null;
  if (used.length === 0) return { amount: 0, unit: 'days', negative: p.negative };
  return { amount: p[used[0]], unit: used[0], negative: p.negative };
}

export function toIso(d: SimpleDuration): string {
  const amount = Math.max(0, Math.trunc(d.amount));
  const sign = d.negative && amount > 0 ? '-' : '';
  switch (d.unit) {
    case 'years': return `${sign}P${amount}Y`;
    case 'months': return `${sign}P${amount}M`;
    case 'weeks': return `${sign}P${amount}W`;
    case 'days': return `${sign}P${amount}D`;
    case 'hours': return `${sign}PT${amount}H`;
    case 'minutes': return `${sign}PT${amount}M`;
  }
}

const UNIT_WORDS: Record<string, DurationUnit> = {
  minute: 'minutes', minutes: 'minutes', min: 'minutes', mins: 'minutes',
  hour: 'hours', hours: 'hours', h: 'hours', hr: 'hours', hrs: 'hours',
  day: 'days', days: 'days', d: 'days',
  week: 'weeks', weeks: 'weeks', w: 'weeks', wk: 'weeks',
  month: 'months', months: 'months', mo: 'months',
  year: 'years', years: 'years', y: 'years', yr: 'years',
};

/** "7 days", "2 weeks", "4 months before", "-3 days" → ISO; an ISO text passes through; null when unreadable. */
export function parseHuman(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  if (isIsoDuration(t.toUpperCase())) return t.toUpperCase();
  const m = /^(-)?\s*(\d+)\s*([a-z]+)(?:\s+(before|after|earlier|later))?$/.exec(t);
  if (!m) return null;
  const unit = UNIT_WORDS[m[3]];
  if (!unit) return null;
  const negative = !!m[1] || m[4] === 'before' || m[4] === 'earlier';
  return toIso({ amount: Number(m[2]), unit, negative });
}

/** "P7D" → "7 days", "-P4M" → "4 months before", "P1Y2M" → "1 year 2 months". */
export function humanize(iso: string): string {
  const p = parseIso(iso);
  if (!p) return iso;
  const parts: string[] = [];
  const add = (n: number, one: string) => { if (n) parts.push(`${n} ${one}${n === 1 ? '' : 's'}`); };
  add(p.years, 'year'); add(p.months, 'month'); add(p.weeks, 'week'); add(p.days, 'day');
  add(p.hours, 'hour'); add(p.minutes, 'minute'); add(p.seconds, 'second');
  const text = parts.join(' ') || '0 days';
  return p.negative ? `${text} before` : text;
}
