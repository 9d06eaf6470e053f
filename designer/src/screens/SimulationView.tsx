import { useEffect, useMemo, useState } from 'react';
import { ApiError, get, post } from '../api/client';
import type { DefinitionProblem, Page, SimulationResult, TimelineEntry } from '../api/types';
import { useEditorStoreApi } from '../store/editorStore';

interface Contact { name: string; email: string; role: string }
interface SampleAccount { name: string; tier: string; timeZone: string; contractStart: string; contractEnd: string; contacts: Contact[] }
interface ScriptedEvent { day: number; time: string; name: string; data: string }

const today = () => new Date().toISOString().slice(0, 10);
const addDays = (date: string, days: number) => { const d = new Date(`${date}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + days); return d.toISOString().slice(0, 10); };
const addYears = (date: string, years: number) => { const d = new Date(`${date}T00:00:00Z`); d.setUTCFullYear(d.getUTCFullYear() + years); return d.toISOString().slice(0, 10); };
const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'Europe/Paris', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Singapore', 'Australia/Sydney'];
const ROLES = ['decision-maker', 'champion', 'admin', 'user', 'billing'];

/** Runs the canvas (unsaved edits included) for a sample or real account on a virtual clock and shows the dated timeline. */
export function SimulationView({ id, isNew }: { id: string; isNew: boolean }) {
  const store = useEditorStoreApi();
  const [source, setSource] = useState<'sample' | 'existing'>('sample');
  const [accounts, setAccounts] = useState<{ id: string; name?: string }[] | null>(null);
  const [accountQuery, setAccountQuery] = useState('');
  const [accountId, setAccountId] = useState('');
  const start0 = today();
  const [start, setStart] = useState(start0);
  const [until, setUntil] = useState(addYears(start0, 1));
  const [account, setAccount] = useState<SampleAccount>({
    name: 'Sample Co', tier: 'KA', timeZone: 'Europe/Berlin', contractStart: start0, contractEnd: addYears(start0, 1),
    contacts: [{ name: 'Dana Decider', email: 'dana@example.com', role: 'decision-maker' }],
  });
  const [events, setEvents] = useState<ScriptedEvent[]>([]);
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [problems, setProblems] = useState<DefinitionProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The server searches every account as you type; the picker shows the first 20 matches.
  useEffect(() => {
    if (source !== 'existing') return;
    const q = accountQuery.trim();
    const timer = setTimeout(() => {
      get<Page<{ id: string; name?: string }>>(`/api/accounts?sort=name&take=20${q ? `&q=${encodeURIComponent(q)}` : ''}`)
        .then((p) => setAccounts(p.items), (e) => setError(e instanceof ApiError ? e.advice : String(e)));
    }, q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [accountQuery, source]);

  const eventErrors = events.map((e) => {
    if (!e.name.trim()) return 'name the event, e.g. account.opened';
    if (e.data.trim()) { try { const v = JSON.parse(e.data); if (typeof v !== 'object' || Array.isArray(v) || v === null) return 'data must be a JSON object'; } catch { return 'data is not valid JSON'; } }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(e.time)) return 'time as HH:mm';
    return null;
  });
  const formError = until <= start ? '"Until" must be after "Start"' : source === 'existing' && !accountId ? 'choose an account' : eventErrors.find(Boolean) ?? null;

  const run = async () => {
    setBusy(true); setError(null); setProblems([]);
    const body: Record<string, unknown> = {
      definition: store.getState().toDefinition(),
      start: `${start}T00:00:00Z`, until: `${until}T00:00:00Z`,
      events: events.map((e) => ({ at: `${addDays(start, e.day)}T${e.time}:00Z`, name: e.name.trim(), data: e.data.trim() ? JSON.parse(e.data) : undefined })),
    };
    if (source === 'existing') body.accountId = accountId;
    else body.account = {
      name: account.name, tier: account.tier, timeZone: account.timeZone,
      contract: { start: account.contractStart, end: account.contractEnd },
      contacts: account.contacts.filter((c) => c.name || c.email).map((c, i) => ({ id: `c${i + 1}`, ...c })),
    };
    try {
      setResult(await post<SimulationResult>(`/api/playbooks/${encodeURIComponent(id)}/simulate`, body));
    } catch (e) {
      setResult(null);
      if (e instanceof ApiError && e.problems.length) { setProblems(e.problems); setError(`${e.title}. Fix the problems below${e.problems.some((p) => p.stepId) ? ' (on the Design tab for step problems)' : ''}, then run again.`); }
      else setError(e instanceof ApiError ? e.advice : String(e));
    } finally { setBusy(false); }
  };

  const setContact = (i: number, patch: Partial<Contact>) => setAccount({ ...account, contacts: account.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const setEvent = (i: number, patch: Partial<ScriptedEvent>) => setEvents(events.map((e, j) => (j === i ? { ...e, ...patch } : e)));

  return (
    <div className="simulate">
      <form className="panel sim-form" onSubmit={(e) => { e.preventDefault(); if (!formError) void run(); }} aria-label="Simulation settings">
        <h2>Simulate</h2>
        <p className="hint">Runs what is on the canvas now{isNew ? '' : ' (unsaved edits included)'} on a virtual clock. Nothing is stored or sent.</p>
        <fieldset>
          <legend>Account</legend>
          <label><input type="radio" name="src" checked={source === 'sample'} onChange={() => setSource('sample')} /> Sample account</label>
          <label><input type="radio" name="src" checked={source === 'existing'} onChange={() => setSource('existing')} /> Existing account</label>
          {source === 'existing' ? (
            <div className="field">
              <label htmlFor="sim-account-search">Find account</label>
              <input id="sim-account-search" type="search" value={accountQuery} onChange={(e) => setAccountQuery(e.target.value)} placeholder="name or id" />
              <label htmlFor="sim-account">Account</label>
              <select id="sim-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
                <option value="">{accounts ? (accounts.length ? '(choose)' : 'no accounts yet') : 'loading…'}</option>
                {accounts?.map((a) => <option key={a.id} value={a.id}>{a.name ?? a.id} ({a.id})</option>)}
              </select>
            </div>
          ) : (
            <div className="sample" data-testid="sample-account">
              <div className="field"><label htmlFor="acc-name">Name</label><input id="acc-name" value={account.name} onChange={(e) => setAccount({ ...account, name: e.target.value })} /></div>
              <div className="field"><label htmlFor="acc-tier">Tier</label><input id="acc-tier" list="tiers" value={account.tier} onChange={(e) => setAccount({ ...account, tier: e.target.value })} />
                <datalist id="tiers"><option value="KA" /><option value="MM" /><option value="SMB" /></datalist></div>
              <div className="field"><label htmlFor="acc-tz">Time zone</label><input id="acc-tz" list="zones" value={account.timeZone} onChange={(e) => setAccount({ ...account, timeZone: e.target.value })} />
                <datalist id="zones">{ZONES.map((z) => <option key={z} value={z} />)}</datalist></div>
              <div className="row">
                <div className="field"><label htmlFor="acc-cs">Contract start</label><input id="acc-cs" type="date" value={account.contractStart} onChange={(e) => setAccount({ ...account, contractStart: e.target.value })} /></div>
                <div className="field"><label htmlFor="acc-ce">Contract end</label><input id="acc-ce" type="date" value={account.contractEnd} onChange={(e) => setAccount({ ...account, contractEnd: e.target.value })} /></div>
              </div>
              <fieldset>
                <legend>Contacts</legend>
                {account.contacts.map((c, i) => (
                  <div className="row contact" key={i}>
                    <input aria-label={`Contact ${i + 1} name`} placeholder="name" value={c.name} onChange={(e) => setContact(i, { name: e.target.value })} />
                    <input aria-label={`Contact ${i + 1} email`} placeholder="email" type="email" value={c.email} onChange={(e) => setContact(i, { email: e.target.value })} />
                    <input aria-label={`Contact ${i + 1} role`} list="roles" placeholder="role" value={c.role} onChange={(e) => setContact(i, { role: e.target.value })} />
                    <button type="button" aria-label={`Remove contact ${i + 1}`} onClick={() => setAccount({ ...account, contacts: account.contacts.filter((_, j) => j !== i) })}>✕</button>
                  </div>
                ))}
                <datalist id="roles">{ROLES.map((r) => <option key={r} value={r} />)}</datalist>
                <button type="button" onClick={() => setAccount({ ...account, contacts: [...account.contacts, { name: '', email: '', role: 'user' }] })}>Add contact</button>
              </fieldset>
            </div>
          )}
        </fieldset>
        <div className="row">
          <div className="field"><label htmlFor="sim-start">Start</label><input id="sim-start" type="date" value={start} onChange={(e) => setStart(e.target.value)} data-testid="sim-start" /></div>
          <div className="field"><label htmlFor="sim-until">Until</label><input id="sim-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="sim-until" /></div>
        </div>
        <fieldset>
          <legend>Scripted events</legend>
          {events.length === 0 && <p className="hint">None. Add e.g. <code>account.opened</code> on day 3 to see a wait for that event end.</p>}
          {events.map((e, i) => (
            <div className="event-row" key={i}>
              <label>Day <input type="number" min={0} aria-label={`Event ${i + 1} day after start`} value={e.day} onChange={(x) => setEvent(i, { day: Math.max(0, Number(x.target.value) || 0) })} data-testid={`event-day-${i}`} /></label>
              <input type="time" aria-label={`Event ${i + 1} time (UTC)`} value={e.time} onChange={(x) => setEvent(i, { time: x.target.value })} />
              <input aria-label={`Event ${i + 1} name`} placeholder="account.opened" value={e.name} onChange={(x) => setEvent(i, { name: x.target.value })} data-testid={`event-name-${i}`} />
              <input aria-label={`Event ${i + 1} data (JSON object, optional)`} placeholder='{"module":"crm"}' className="mono" value={e.data} onChange={(x) => setEvent(i, { data: x.target.value })} />
              <button type="button" aria-label={`Remove event ${i + 1}`} onClick={() => setEvents(events.filter((_, j) => j !== i))}>✕</button>
              {eventErrors[i] && <p className="error" role="alert">Event {i + 1}: {eventErrors[i]}</p>}
            </div>
          ))}
          <button type="button" onClick={() => setEvents([...events, { day: 3, time: '09:00', name: '', data: '' }])} data-testid="add-event">Add event</button>
        </fieldset>
        {formError && <p className="error">{formError}</p>}
        <button type="submit" className="primary" disabled={busy || !!formError} data-testid="run-simulation">{busy ? 'Running…' : 'Run simulation'}</button>
      </form>
      <section className="sim-result" aria-label="Simulation timeline" aria-live="polite">
        {error && <div className="error-box" role="alert">{error}{problems.length > 0 && <ul>{problems.map((p, i) => <li key={i}>{p.stepId ? `${p.stepId}: ` : ''}{p.field ? `${p.field}: ` : ''}{p.message}</li>)}</ul>}</div>}
        {!result && !error && <p className="empty-state">Set up an account and events, then <strong>Run simulation</strong>. The timeline shows every step, email and task with its date.</p>}
        {result && <Timeline result={result} />}
      </section>
    </div>
  );
}

function Timeline({ result }: { result: SimulationResult }) {
  const days = useMemo(() => {
    const map = new Map<string, TimelineEntry[]>();
    for (const t of result.timeline) {
      const day = t.at.slice(0, 10);
      map.set(day, [...(map.get(day) ?? []), t]);
    }
    return [...map];
  }, [result]);
  return (
    <div data-testid="timeline">
      <p className="sim-status"><strong>Status: {result.status}</strong>{result.waitingAt.length > 0 && <> · still waiting at {JSON.stringify(result.waitingAt)}</>} · account {result.accountId}</p>
      {days.length === 0 ? <p className="empty-state">Nothing happened in this period.</p> : (
        <ol className="timeline">
          {days.map(([day, entries]) => (
            <li key={day}>
              <h3><time dateTime={day}>{new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })}</time></h3>
              <ul>
                {entries.map((t, i) => (
                  <li key={i} className={`entry ${t.type.replace(/\./g, '-')}`} data-testid="timeline-entry">
                    <span className="time">{t.at.slice(11, 16)}</span>
                    <span className="badge">{t.type}</span>
                    {t.stepId && <code>{t.stepId}</code>}
                    <span className="summary">{t.summary}</span>
                    {t.detail != null && <details><summary>details</summary><pre>{JSON.stringify(t.detail, null, 2)}</pre></details>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
