import { getRouteApi, Link, useParams } from '@tanstack/react-router';
import { ApiError } from '../api/client';
import { reportError as adviceOf } from '../api/reports';
import type { EmailDetail, EmailSummary, Page } from '../api/types';
import { Choice, Pager } from '../components/ListControls';
import { useGet, useInvalidate } from '../hooks/useApi';
import { useSearchDraft } from '../hooks/useSearchDraft';
import { emailStateText, when } from '../model/success';
import { apiQuery, EMAIL_STATES, type EmailsSearch } from '../routes/search';

const PAGE = 50;
const route = getRouteApi('/emails');

/**
 * The email outbox: every email with its state and why; filter by state, find by subject, recipient or account, page;
 * open one (#/emails/{id}) to see it rendered. Filters and page are in the address and stay while an email is open.
 */
export function EmailsScreen() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const id = useParams({ strict: false }).id;
  const skip = search.skip ?? 0;
  const set = (change: Partial<EmailsSearch>, replace = false) => navigate({ search: (prev) => ({ ...prev, skip: undefined, ...change }), replace });
  const [draft, setDraft] = useSearchDraft(search.q, (q) => set({ q }, true));
  const emails = useGet<Page<EmailSummary>>(`/api/emails?${apiQuery({ state: search.state, q: search.q, skip, take: PAGE })}`);
  const open = useGet<EmailDetail>(id ? `/api/emails/${encodeURIComponent(id)}` : null, { keepPrevious: false });
  const invalidate = useInvalidate();
  const openError = open.error instanceof ApiError && open.error.status === 404 ? 'This email does not exist (any more). Pick one from the list.'
    : open.error ? adviceOf(open.error) : null;
  const data = emails.data;
  const filtered = !!(search.state || search.q);

  return (
    <main className="screen emails">
      <div className="emails-list">
        <h1>Emails</h1>
        <form className="row top filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
          <Choice id="email-state" label="State" all="all" value={search.state} options={EMAIL_STATES} onChange={(s) => set({ state: s as EmailsSearch['state'] })} />
          <div className="field">
            <label htmlFor="email-find">Find</label>
            <input id="email-find" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="subject, recipient or account" data-testid="email-find" />
          </div>
          <button type="button" onClick={() => void invalidate('/api/emails')}>Refresh</button>
        </form>
        {emails.error && <p className="error-box" role="alert">{adviceOf(emails.error)}</p>}
        {emails.isPending && <p aria-busy="true">Loading…</p>}
        {data && data.items.length === 0 && (
          <div className="empty-state" data-testid="emails-empty"><p>{filtered ? `No ${search.state ?? ''} emails${search.q ? ` matching “${search.q}”` : ''}.` : 'No emails yet. Playbooks send email with the "Send email" step; each one is listed here with its state.'}</p></div>
        )}
        {data && data.items.length > 0 && (
          <>
            <Pager skip={skip} shown={data.items.length} total={data.total} size={PAGE} testId="email-count" busy={emails.isPlaceholderData} onSkip={(s) => set({ skip: s })} />
            <table className="table" data-testid="email-table">
              <thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">Account</th><th scope="col">State</th><th scope="col">Created</th></tr></thead>
              <tbody>
                {data.items.map((e) => (
                  <tr key={e.id} className={e.id === id ? 'active' : undefined}>
                    <td><Link to="/emails/$id" params={{ id: e.id }} search={(prev) => prev} activeOptions={{ exact: true, includeSearch: false }}>{e.subject || <em>({e.template})</em>}</Link></td>
                    <td>{e.to.name ? `${e.to.name} <${e.to.address}>` : e.to.address}</td>
                    <td><Link to="/accounts/$id" params={{ id: e.accountId }}>{e.accountId}</Link></td>
                    <td><span className={`badge email-${e.state}`}>{e.state}</span> <span className="muted">{emailStateText(e).replace(/^\S+,?\s*/, '')}</span></td>
                    <td>{when(e.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
      {id && (open.data || openError) && (
        <section className="card email-view" aria-label="Email" data-testid="email-view">
          <div className="row"><h2>{open.data?.email.subject ?? 'Email'}</h2><span className="grow" /><Link to="/emails" search={(prev) => prev} className="link">Close</Link></div>
          {openError && <p className="error-box" role="alert">{openError}</p>}
          {open.data && <EmailBody email={open.data} />}
        </section>
      )}
    </main>
  );
}

function EmailBody({ email: open }: { email: EmailDetail }) {
  return (
    <>
      <dl className="facts">
        <dt>To</dt><dd>{open.email.to.name ? `${open.email.to.name} <${open.email.to.address}>` : open.email.to.address}</dd>
        <dt>From</dt><dd>{open.email.from ? (open.email.from.name ? `${open.email.from.name} <${open.email.from.address}>` : open.email.from.address) : 'default sender'}</dd>
        <dt>State</dt><dd data-testid="email-state-text">{emailStateText(open.email)}</dd>
        <dt>Template</dt><dd>{open.email.template} · {open.email.category}</dd>
        <dt>Playbook</dt><dd>{open.email.stepId ? `step ${open.email.stepId}` : '—'} · account <Link to="/accounts/$id" params={{ id: open.email.accountId }}>{open.email.accountId}</Link></dd>
        {open.email.messageId && <><dt>Message id</dt><dd><code>{open.email.messageId}</code> via {open.email.transport}</dd></>}
      </dl>
      {open.html && (<><h3>HTML</h3><iframe className="email-html" title={`HTML body of ${open.email.subject ?? 'the email'}`} sandbox="" srcDoc={open.html} /></>)}
      {open.text && (<><h3>Text</h3><pre className="email-text" data-testid="email-text">{open.text}</pre></>)}
      {!open.html && !open.text && <p className="muted">Not rendered yet: the body is rendered when the email is delivered.</p>}
    </>
  );
}
