import type { ConnectionDto, PlaybookDefinition, StepDto } from '../api/types';

export interface StepChange { id: string; type: string; fields: string[] }
export interface DefinitionDiff {
  added: StepDto[];
  removed: StepDto[];
  changed: StepChange[];
  moved: string[];
  connectionsAdded: ConnectionDto[];
  connectionsRemoved: ConnectionDto[];
  playbookFields: string[];
}

const stable = (v: unknown): string => JSON.stringify(v, (_k, value) =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
    : value);

const connectionKey = (c: ConnectionDto) => `${c.from}\u0000${c.outcome ?? 'done'}\u0000${c.to}`;

/** What changed from `before` to `after`: steps added / removed / changed (by field), moves, connections, playbook fields. */
export function diffDefinitions(before: PlaybookDefinition, after: PlaybookDefinition): DefinitionDiff {
  const a = new Map(before.steps.map((s) => [s.id, s]));
  const b = new Map(after.steps.map((s) => [s.id, s]));
  const added = after.steps.filter((s) => !a.has(s.id));
  const removed = before.steps.filter((s) => !b.has(s.id));
  const changed: StepChange[] = [];
  const moved: string[] = [];
  for (const s of after.steps) {
    const old = a.get(s.id);
    if (!old) continue;
    const keys = new Set([...Object.keys(old), ...Object.keys(s)]);
    keys.delete('position');
    const fields = [...keys].filter((k) => stable(old[k]) !== stable(s[k])).sort();
    if (fields.length) changed.push({ id: s.id, type: s.type, fields });
    if (stable(old.position) !== stable(s.position)) moved.push(s.id);
  }
  const ca = new Set((before.connections ?? []).map(connectionKey));
  const cb = new Set((after.connections ?? []).map(connectionKey));
  const skip = new Set(['steps', 'connections', 'version', '$schema']);
  const topKeys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => !skip.has(k)));
  return {
    added, removed, changed, moved,
    connectionsAdded: (after.connections ?? []).filter((c) => !ca.has(connectionKey(c))),
    connectionsRemoved: (before.connections ?? []).filter((c) => !cb.has(connectionKey(c))),
    playbookFields: [...topKeys].filter((k) => stable(before[k]) !== stable(after[k])).sort(),
  };
}

export function isEmptyDiff(d: DefinitionDiff): boolean {
  return !d.added.length && !d.removed.length && !d.changed.length && !d.moved.length
    && !d.connectionsAdded.length && !d.connectionsRemoved.length && !d.playbookFields.length;
}
