import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { adviceOf, ApiError, get, post } from '../api/client';
import type { LifecycleResult } from '../api/lifecycle';
import type { DefinitionProblem, PlaybookSummary, SimulationResult, TimelineEntry } from '../api/types';
import { lifecycleChoices } from '../model/lifecycle';
import { useEditorStoreApi } from '../store/editorStore';
import { AccountPicker } from './simulation/AccountPicker';
import { EntryText } from './simulation/EntryText';
import { LifecyclePlaybooks } from './simulation/LifecyclePlaybooks';
import { LifecycleTimeline } from './simulation/LifecycleTimeline';
import { newSampleAccount, SampleAccountFields, sampleAccountDocument, type SampleAccount } from './simulation/SampleAccountFields';
import { eventErrors, ScriptedEvents, scriptedEventsRequest, type ScriptedEvent } from './simulation/ScriptedEvents';

const today = () => new Date().toISOString().slice(0, 10);
const addYears = (date: string, years: number) => { const d = new Date(`${date}T00:00:00Z`); d.setUTCFullYear(d.getUTCFullYear() + years); return d.toISOString().slice(0, 10); };

type Mode = 'playbook' | 'lifecycle';
type Outcome = { mode: 'playbook'; result: SimulationResult } | { mode: 'lifecycle'; result: LifecycleResult; drafts: Set<string> };

/**
 * Runs the canvas (unsaved edits included) for a sample or real account on a virtual clock and shows the dated timeline;
 * or, in the whole-lifecycle mode, the account through every published playbook together (this one's draft optionally in
 * place of its published version), the timeline by month and coloured by playbook.
 */
export function SimulationView({ id, isNew }: { id: string; isNew: boolean }) {
  const store = useEditorStoreApi();
  const [mode, setMode] = useState<Mode>('playbook');
  const [source, setSource] = useState<'sample' | 'existing'>('sample');
  const [accountId, setAccountId] = useState('');
  const start0 = today();
  const [start, setStart] = useState(start0);
  const [until, setUntil] = useState(addYears(start0, 1));
  const [account, setAccount] = useState<SampleAccount>(() => newSampleAccount(start0, addYears(start0, 1)));
  const [events, setEvents] = useState<ScriptedEvent[]>([]);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [useDraft, setUseDraft] = useState(true);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problems, setProblems] = useState<DefinitionProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const playbooks = useQuery({ queryKey: ['lifecycle-playbooks'], queryFn: () => get<PlaybookSummary[]>('/api/playbooks'), enabled: mode === 'lifecycle' });
  const onPickerError = useCallback((message: string) => setError(message), []);

  const errors = eventErrors(events);
  const choices = mode === 'lifecycle' && playbooks.data ? lifecycleChoices(playbooks.data, id, chosen, useDraft) : undefined;
  const formError = until <= start ? '"Until" must be after "Start"' : source === 'existing' && !accountId ? 'choose an account'
    : choices?.length === 0 ? 'choose at least one playbook' : errors.find(Boolean) ?? null;

  const run = async () => {
    setBusy(true); setError(null); setProblems([]);
    const body: Record<string, unknown> = {
      start: `${start}T00:00:00Z`, until: `${until}T00:00:00Z`, events: scriptedEventsRequest(events, start),
    };
    if (source === 'existing') body.accountId = accountId;
    else body.account = sampleAccountDocument(account);
    try {
      if (mode === 'lifecycle') {
        if (choices) body.playbooks = choices;
        const drafts = new Set((choices ?? []).filter((c) => c.version === 'draft').map((c) => c.id));
        setOutcome({ mode, result: await post<LifecycleResult>('/api/simulations/lifecycle', body), drafts });
      } else {
        body.definition = store.getState().toDefinition();
        setOutcome({ mode, result: await post<SimulationResult>(`/api/playbooks/${encodeURIComponent(id)}/simulate`, body) });
      }
    } catch (e) {
      setOutcome(null);
      if (e instanceof ApiError && e.problems.length) { setProblems(e.problems); setError(`${e.title}. Fix the problems below${e.problems.some((p) => p.stepId) ? ' (on the Design tab for step problems)' : ''}, then run again.`); }
      else setError(adviceOf(e));
    } finally { setBusy(false); }
  };

  const names = useMemo(() => Object.fromEntries((playbooks.data ?? []).map((p) => [p.id, p.name])), [playbooks.data]);
  return (
    <div className="simulate">
      <form className="panel sim-form" onSubmit={(e) => { e.preventDefault(); if (!formError) void run(); }} aria-label="Simulation settings">
        <h2>Simulate</h2>
        <fieldset className="sim-mode">
          <legend>What to simulate</legend>
          <label><input type="radio" name="sim-mode" checked={mode === 'playbook'} onChange={() => setMode('playbook')} data-testid="sim-mode-playbook" /> This playbook</label>
          <label><input type="radio" name="sim-mode" checked={mode === 'lifecycle'} onChange={() => setMode('lifecycle')} data-testid="sim-mode-lifecycle" /> Whole lifecycle</label>
        </fieldset>
        <p className="hint">{mode === 'playbook'
          ? `Runs what is on the canvas now${isNew ? '' : ' (unsaved edits included)'} on a virtual clock. Nothing is stored or sent.`
          : 'Runs the account through every published playbook together on a virtual clock, with what one playbook does to another (startPlaybook, stage changes, the email cap). Nothing is stored or sent.'}</p>
        <fieldset>
          <legend>Account</legend>
          <label><input type="radio" name="src" checked={source === 'sample'} onChange={() => setSource('sample')} /> Sample account</label>
          <label><input type="radio" name="src" checked={source === 'existing'} onChange={() => setSource('existing')} /> Existing account</label>
          {source === 'existing' ? <AccountPicker value={accountId} onChange={setAccountId} onError={onPickerError} />
            : <SampleAccountFields account={account} onChange={setAccount} />}
        </fieldset>
        <div className="row">
          <div className="field"><label htmlFor="sim-start">Start</label><input id="sim-start" type="date" value={start} onChange={(e) => setStart(e.target.value)} data-testid="sim-start" /></div>
          <div className="field"><label htmlFor="sim-until">Until</label><input id="sim-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="sim-until" /></div>
        </div>
        {mode === 'lifecycle' && (playbooks.data
          ? <LifecyclePlaybooks playbooks={playbooks.data} currentId={id} chosen={chosen} useDraft={useDraft} onChosen={setChosen} onUseDraft={setUseDraft} />
          : <p aria-busy={playbooks.isPending}>{playbooks.error ? `The playbooks could not be read: ${adviceOf(playbooks.error)}` : 'Loading the playbooks…'}</p>)}
        <ScriptedEvents events={events} errors={errors} onChange={setEvents} />
        {formError && <p className="error">{formError}</p>}
        <button type="submit" className="primary" disabled={busy || !!formError || (mode === 'lifecycle' && !playbooks.data)} data-testid="run-simulation">{busy ? 'Running…' : 'Run simulation'}</button>
      </form>
      <section className="sim-result" aria-label="Simulation timeline" aria-live="polite">
        {error && <div className="error-box" role="alert">{error}{problems.length > 0 && <ul>{problems.map((p, i) => <li key={i}>{p.stepId ? `${p.stepId}: ` : ''}{p.field ? `${p.field}: ` : ''}{p.message}</li>)}</ul>}</div>}
        {!outcome && !error && <p className="empty-state">Set up an account and events, then <strong>Run simulation</strong>. The timeline shows every step, email and task with its date.</p>}
        {outcome?.mode === 'playbook' && <Timeline result={outcome.result} />}
        {outcome?.mode === 'lifecycle' && <LifecycleTimeline result={outcome.result} names={names} drafts={outcome.drafts} />}
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
                    <EntryText {...t} />
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
