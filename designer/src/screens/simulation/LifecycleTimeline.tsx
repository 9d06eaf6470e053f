import { useMemo } from 'react';
import type { LifecycleResult } from '../../api/lifecycle';
import { groupByMonth, playbookColours } from '../../model/lifecycle';
import { EntryText } from './EntryText';

const ACCOUNT = '#4a5568';
const when = (at: string) => new Date(at).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });

/** A whole-lifecycle run: a legend of its playbooks, then every entry by month, each marked with its playbook (colour and name). */
export function LifecycleTimeline({ result, names, drafts }: { result: LifecycleResult; names: Record<string, string>; drafts: Set<string> }) {
  const colours = useMemo(() => playbookColours(result.playbooks.map((p) => p.id)), [result]);
  const months = useMemo(() => groupByMonth(result.timeline), [result]);
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const t of result.timeline) map.set(t.playbook ?? '', (map.get(t.playbook ?? '') ?? 0) + 1);
    return map;
  }, [result]);
  const name = (id: string) => names[id] ?? id;

  return (
    <div data-testid="lifecycle-timeline">
      <p className="sim-status"><strong>{result.timeline.length} entries from {result.playbooks.length} playbooks</strong> · account {result.accountId} · {result.enrolments.length} enrolments</p>
      <ul className="lifecycle-legend" aria-label="Playbooks in this run" data-testid="lifecycle-legend">
        {result.playbooks.map((p) => (
          <li key={p.id} data-playbook={p.id}>
            <span className="swatch" style={{ background: colours.get(p.id) }} aria-hidden="true" />
            <span>{name(p.id)}</span>
            <span className="hint">{drafts.has(p.id) ? 'draft' : `v${p.version}`} · {p.trigger} · {counts.get(p.id) ?? 0} entries</span>
          </li>
        ))}
        {counts.has('') && <li data-playbook=""><span className="swatch" style={{ background: ACCOUNT }} aria-hidden="true" /><span>Account</span><span className="hint">changes, usage, events · {counts.get('')} entries</span></li>}
      </ul>
      {months.length === 0 ? <p className="empty-state">Nothing happened in this period.</p> : (
        <ol className="timeline lifecycle">
          {months.map((m) => (
            <li key={m.month} data-testid="lifecycle-month" data-month={m.month}>
              <h3><time dateTime={m.month}>{m.label}</time> <span className="hint">({m.entries.length})</span></h3>
              <ul>
                {m.entries.map((t, i) => {
                  const colour = t.playbook ? colours.get(t.playbook) ?? ACCOUNT : ACCOUNT;
                  return (
                    <li key={i} className={`entry lc-entry ${t.type.replace(/\./g, '-')}`} style={{ borderLeftColor: colour }} data-testid="lifecycle-entry" data-playbook={t.playbook ?? ''}>
                      <time className="time" dateTime={t.at}>{when(t.at)}</time>
                      <span className="playbook-badge" style={{ background: colour }}>{t.playbook ? name(t.playbook) : 'Account'}{t.enrolment ? ` #${t.enrolment}` : ''}</span>
                      <EntryText {...t} />
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
