import type { LifecycleEntry, LifecyclePlaybookChoice } from '../api/lifecycle';

/**
 * Colours for playbooks on the lifecycle timeline, in order. Each is a badge background under white text and a bar
 * beside the entry, so each has at least 4.5:1 against white (WCAG AA for text); the name is always written as well.
 */
export const PLAYBOOK_COLOURS = ['#1f5fbf', '#b3261e', '#1e7a3c', '#8a4b00', '#6a3fb5', '#00707a', '#a01f6a', '#3d4f1c', '#4a5568', '#7a2e0e'];

/** Playbook id → colour, in the order the run lists its playbooks (wrapping round after ten). */
export function playbookColours(ids: string[]): Map<string, string> {
  return new Map(ids.map((id, i) => [id, PLAYBOOK_COLOURS[i % PLAYBOOK_COLOURS.length]]));
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

export interface MonthGroup { month: string; label: string; entries: LifecycleEntry[] }

/** Timeline entries by calendar month (UTC, as the timeline's times are), in time order: "2026-03" → "March 2026". */
export function groupByMonth(entries: LifecycleEntry[]): MonthGroup[] {
  const groups = new Map<string, LifecycleEntry[]>();
  for (const entry of [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const month = new Date(entry.at).toISOString().slice(0, 7);
    groups.set(month, [...(groups.get(month) ?? []), entry]);
  }
  return [...groups].map(([month, list]) => ({
    month, entries: list,
    label: new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  }));
}

/** A playbook as the lifecycle picker lists it. */
export interface LifecycleCandidate { id: string; latestVersion: number; hasDraft: boolean }

/**
 * The request's `playbooks`: absent for "every published playbook as published"; otherwise the chosen ones (all
 * published when `chosen` is null) at their latest version, with the edited playbook's saved draft in place of its
 * published version when `useDraft` (a playbook never published can only run as its draft).
 */
export function lifecycleChoices(candidates: LifecycleCandidate[], currentId: string, chosen: Set<string> | null, useDraft: boolean):
  LifecyclePlaybookChoice[] | undefined {
  const current = candidates.find((c) => c.id === currentId);
  const draftHere = useDraft && !!current?.hasDraft;
  if (chosen === null && !draftHere) return undefined;
  const ids = chosen ?? new Set(candidates.filter((c) => c.latestVersion > 0).map((c) => c.id));
  if (chosen === null && draftHere) ids.add(currentId);
  return candidates.filter((c) => ids.has(c.id)).flatMap((c): LifecyclePlaybookChoice[] => {
    const draft = c.id === currentId && c.hasDraft && (draftHere || c.latestVersion === 0);
    return draft ? [{ id: c.id, version: 'draft' }] : c.latestVersion > 0 ? [{ id: c.id, version: c.latestVersion }] : [];
  });
}
