import { Link } from '@tanstack/react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import type { EmailSummary, InstanceSummary, Page, TaskItem } from '../../api/types';
import { activeInstances, waitingText } from '../../model/account360';
import { emailStateText, taskDueText, when } from '../../model/success';
import { QueryState } from './QueryState';

/** Open tasks on the account (links to My work). */
export function OpenTasksSection({ query }: { query: UseQueryResult<Page<TaskItem>> }) {
  return (
    <section className="card" aria-labelledby="tasks-h">
      <h2 id="tasks-h">Open tasks</h2>
      <QueryState query={query}>
        {(tasks) => tasks.items.length === 0 ? <p className="muted">No open tasks.</p> : (
          <>
            <ul className="plain-list" data-testid="account-tasks">
              {tasks.items.map((t) => (
                <li key={t.id}>
                  <strong>{t.title}</strong>{t.required && <> <span className="badge">must complete</span></>}{' '}
                  <span className={t.overdue ? 'error-text' : 'muted'}>{taskDueText(t)}</span>
                </li>
              ))}
            </ul>
            {tasks.total > tasks.items.length && <p className="hint">{tasks.total - tasks.items.length} more.</p>}
          </>
        )}
      </QueryState>
      <p><Link to="/tasks">Open My work</Link></p>
    </section>
  );
}

/** Emails to the account's contacts: sent, deferred (until when and why), and any that failed or were suppressed. */
export function EmailsSection({ query }: { query: UseQueryResult<Page<EmailSummary>> }) {
  return (
    <section className="card" aria-labelledby="emails-h">
      <h2 id="emails-h">Emails</h2>
      <QueryState query={query}>
        {(emails) => {
          const sent = emails.items.filter((e) => e.state === 'sent').length;
          const deferred = emails.items.filter((e) => e.state === 'deferred').length;
          return emails.items.length === 0 ? <p className="muted">No emails to this account yet.</p> : (
            <>
              <p className="hint" data-testid="email-counts">{sent} sent · {deferred} deferred{emails.total > emails.items.length ? ` (latest ${emails.items.length} of ${emails.total})` : ''}</p>
              <ul className="plain-list" data-testid="account-emails">
                {emails.items.map((e) => (
                  <li key={e.id}>
                    <Link to="/emails/$id" params={{ id: e.id }}>{e.subject ?? e.template}</Link>{' '}
                    <span className={`badge state-${e.state}`}>{e.state}</span>{' '}
                    <span className="muted">to {e.to.address} · {emailStateText(e)}</span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/** Running playbooks and the step each waits at (links to the runtime view with the instance open). */
export function PlaybooksSection({ query }: { query: UseQueryResult<Page<InstanceSummary>> }) {
  return (
    <section className="card" aria-labelledby="playbooks-h">
      <h2 id="playbooks-h">Active playbooks</h2>
      <QueryState query={query}>
        {(instances) => {
          const active = activeInstances(instances.items);
          return (
            <>
              {active.length === 0 ? <p className="muted">No playbook is running for this account.</p> : (
                <ul className="plain-list" data-testid="account-instances">
                  {active.map((i) => (
                    <li key={i.id}>
                      <Link to="/p/$id/runtime" params={{ id: i.playbookId }} search={{ instance: i.id }}>{i.playbookId} v{i.version}</Link>{' '}
                      <span className={`badge status-${i.status}`}>{i.status}</span>{' '}
                      <span className="muted">{waitingText(i, when)}</span>
                    </li>
                  ))}
                </ul>
              )}
              {instances.items.length > active.length && <p className="hint">{instances.items.length - active.length} finished or cancelled run(s) are in the timeline.</p>}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
