import type { UseQueryResult } from '@tanstack/react-query';
import type { AccountTimelineEntry } from '../../api/types';
import { when } from '../../model/success';
import { QueryState } from './QueryState';

/** The account's whole history, newest first: field changes (who, why), events, playbook steps. */
export function TimelineSection({ query }: { query: UseQueryResult<AccountTimelineEntry[]> }) {
  return (
    <section className="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      <QueryState query={query}>
        {(timeline) => timeline.length === 0 ? <p className="muted">Nothing has happened to this account yet.</p> : (
          <ol className="account-timeline" data-testid="account-timeline">
            {timeline.map((t, k) => (
              <li key={k} className={`tl-${t.type}`}>
                <time dateTime={t.at}>{when(t.at)}</time> <span className="badge">{t.type}</span> {t.summary}
                <span className="muted"> · {t.source}{t.detail ? ` · ${t.detail}` : ''}</span>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </section>
  );
}
