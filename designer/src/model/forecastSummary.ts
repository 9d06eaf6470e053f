import type { ForecastResult, OverloadedCsm } from '../api/forecast';

const thousands = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1240 → "+1,240", -5 → "−5" (a real minus sign), 0 → "+0". */
export function signed(n: number): string {
  return (n < 0 ? '−' : '+') + thousands.format(Math.abs(n));
}

/** [3, 4, 5, 8] → "weeks 3–5, 8"; [2] → "week 2". Unsorted or repeated weeks are sorted and merged first. */
export function weekRanges(weeks: number[]): string {
  const sorted = [...new Set(weeks)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return `${sorted.length === 1 ? 'week' : 'weeks'} ${runs.join(', ')}`;
}

function overloadText(overloaded: OverloadedCsm[]): string {
  return overloaded.length === 0 ? 'no CSM over capacity' : overloaded.map((o) => `${o.name || o.csmId} over capacity in ${weekRanges(o.weeks)}`).join(', ');
}

/**
 * What publishing the forecast version changes, in one sentence:
 * "+1,240 emails and +310 tasks in 13 weeks; Dana Reyes over capacity in weeks 3–5".
 * Emails are those sent after governance; overloaded CSMs are those over capacity with the new version.
 */
export function forecastSummary(result: Pick<ForecastResult, 'weeks' | 'totals' | 'overloaded'>): string {
  const { emailsSent, tasks } = result.totals.difference;
  const span = `${result.weeks} ${result.weeks === 1 ? 'week' : 'weeks'}`;
  const change = emailsSent === 0 && tasks === 0
    ? `No change in emails or tasks in ${span}`
    : `${signed(emailsSent)} emails and ${signed(tasks)} tasks in ${span}`;
  return `${change}; ${overloadText(result.overloaded)}`;
}
