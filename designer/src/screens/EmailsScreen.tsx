import { useEffect, useState } from 'react';
import { ApiError, get } from '../api/client';
import type { EmailDetail, EmailSummary, Page } from '../api/types';
import { navigate } from '../router';
import { emailStateText, when } from '../model/success';

const STATES = ['queued', 'deferred', 'sending', 'sent', 'failed', 'suppressed'] as const;

/** The email outbox: every email with its state and why; filter by state; open one to see it rendered. */
export function EmailsScreen({ id }: { id?: string }) {
  const [state, setState] = useState('');
  const [emails, setEmails] = useState<Page<EmailSummary> | null>(null);
  const [open, setOpen] = useState<EmailDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    setError(null);
    const q = new URLSearchParams({ take: '200' });
    if (state) q.set('state', state);
    get<Page<EmailSummary>>(`/api/emails?${q}`).then(setEmails, (e) => setError(e instanceof ApiError ? e.advice : String(e)));
  }, [state, tick]);
  useEffect(() => {
    setOpenError(null);
    if (!id) { setOpen(null); return; }
    get<EmailDetail>(`/api/emails/${encodeURIComponent(id)}`).then(setOpen, (e) => {
      setOpen(null);
      setOpenError(e instanceof ApiError && e.status === 404 ? 'This email does not exist (any more). Pick one from the list.' : e instanceof ApiError ? e.advice : String(e));
    });
  }, [id]);

  return (
    <main className="screen emails">
      <div className="emails-list">
        <h1>Emails</h1>
        <div className="row filters">
          <label htmlFor="email-state">State</label>
          <select id="email-state" value={state} onChange={(e) => setState(e.target.value)} data-testid="email-state">
            <option value="">all</option>
            {STATES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
          <button type="button" onClick={() => setTick((t) => t + 1)}>Refresh</button>
          {emails && <span className="muted">{emails.total} email{emails.total === 1 ? '' : 's'}</span>}
        </div>
        {error && <p className="error-box" role="alert">{error}</p>}
        {!emails && !error && <p aria-busy="true">Loading…</p>}
        {emails && emails.items.length === 0 && (
          <div className="empty-state" data-testid="emails-empty"><p>{state ? `No ${state} emails.` : 'No emails yet. Playbooks send email with the "Send email" step; each one is listed here with its state.'}</p></div>
        )}
        {emails && emails.items.length > 0 && (
          <table className="table" data-testid="email-table">
            <thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">Account</th><th scope="col">State</th><th scope="col">Created</th></tr></thead>
            <tbody>
              {emails.items.map((e) => (
                <tr key={e.id} className={e.id === id ? 'active' : undefined}>
                  <td><a href={`#/emails/${e.id}`} aria-current={e.id === id ? 'true' : undefined}>{e.subject || <em>({e.template})</em>}</a></td>
                  <td>{e.to.name ? `${e.to.name} <${e.to.address}>` : e.to.address}</td>
                  <td><a href={`#/accounts/${encodeURIComponent(e.accountId)}`}>{e.accountId}</a></td>
                  <td><span className={`badge email-${e.state}`}>{e.state}</span> <span className="muted">{emailStateText(e).replace(/^\S+,?\s*/, '')}</span></td>
                  <td>{when(e.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {emails && emails.total > emails.items.length && <p className="hint">Showing the newest {emails.items.length} of {emails.total}.</p>}
      </div>
      {(open || openError) && (
        <section className="card email-view" aria-label="Email" data-testid="email-view">
          <div className="row"><h2>{open?.email.subject ?? 'Email'}</h2><span className="grow" /><button type="button" className="link" onClick={() => navigate('/emails')}>Close</button></div>
          {openError && <p className="error-box" role="alert">{openError}</p>}
          {open && (
            <>
              <dl className="facts">
                <dt>To</dt><dd>{open.email.to.name ? `${open.email.to.name} <${open.email.to.address}>` : open.email.to.address}</dd>
                <dt>From</dt><dd>{open.email.from ? (open.email.from.name ? `${open.email.from.name} <${open.email.from.address}>` : open.email.from.address) : 'default sender'}</dd>
                <dt>State</dt><dd data-testid="email-state-text">{emailStateText(open.email)}</dd>
                <dt>Template</dt><dd>{open.email.template} · {open.email.category}</dd>
                <dt>Playbook</dt><dd>{open.email.stepId ? `step ${open.email.stepId}` : '—'} · account <a href={`#/accounts/${encodeURIComponent(open.email.accountId)}`}>{open.email.accountId}</a></dd>
                {open.email.messageId && <><dt>Message id</dt><dd><code>{open.email.messageId}</code> via {open.email.transport}</dd></>}
              </dl>
              {open.html && (<><h3>HTML</h3><iframe className="email-html" title={`HTML body of ${open.email.subject ?? 'the email'}`} sandbox="" srcDoc={open.html} /></>)}
              {open.text && (<><h3>Text</h3><pre className="email-text" data-testid="email-text">{open.text}</pre></>)}
              {!open.html && !open.text && <p className="muted">Not rendered yet: the body is rendered when the email is delivered.</p>}
            </>
          )}
        </section>
      )}
    </main>
  );
}
