import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { adviceOf, ApiError, get, post } from '../api/client';
import type { AccountContext, TaskComment, TaskItem } from '../api/types';
import { useToast } from '../components/Toast';
import { bandClass, taskDueText, when } from '../model/success';
import { contextFacts, day, healthText, tomorrow } from '../model/workbench';
import { CsmSelect, type Csm } from './CsmSelect';
import { TaskResultForm } from './TaskResultForm';

export interface TaskActions { canComplete: boolean; canReassign: boolean; csms: Csm[]; onChanged(): void }


/** The account a task is for: name (a link to the account), tier, stage, health band with its trend, contract end, open must-complete tasks, last touch. */
function AccountLine({ account }: { account: AccountContext }) {
  const health = healthText(account);
  return (
    <div className="task-account" data-testid="task-account">
      <Link to="/accounts/$id" params={{ id: account.id }}>{account.name}</Link>
      <span className={`badge ${bandClass(account.healthBand)}`} aria-label={health.spoken} title={health.spoken} data-testid="task-health">{health.shown}</span>
      <dl className="facts">
        {contextFacts(account).map((f) => <div key={f.label}><dt>{f.label}</dt><dd>{f.value}</dd></div>)}
      </dl>
    </div>
  );
}

function Comments({ task, canWrite }: { task: TaskItem; canWrite: boolean }) {
  const [comments, setComments] = useState<TaskComment[] | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = () => get<TaskComment[]>(`/api/tasks/${task.id}/comments`).then(setComments, (e) => setError(adviceOf(e)));
  const [open, setOpen] = useState(false);
  const toggle = () => { if (!open) void load(); setOpen(!open); };
  const add = async () => {
    setError(null);
    try { await post(`/api/tasks/${task.id}/comments`, { text }); setText(''); await load(); } catch (e) {
      setError(e instanceof ApiError ? e.fieldError('text') ?? e.advice : String(e));
    }
  };
  return (
    <div className="task-comments">
      <button type="button" className="link" aria-expanded={open} onClick={toggle}>Comments</button>
      {open && (
        <div data-testid="task-comments">
          {comments?.length === 0 && <p className="muted">No comments yet.</p>}
          <ul>{comments?.map((c) => <li key={c.id} data-testid="task-comment"><strong>{c.author}</strong> <span className="muted">{when(c.at)}</span>: {c.text}</li>)}</ul>
          {canWrite && (
            <form className="row" onSubmit={(e) => { e.preventDefault(); void add(); }}>
              <label className="sr-only" htmlFor={`comment-${task.id}`}>Comment on {task.title}</label>
              <input id={`comment-${task.id}`} value={text} onChange={(e) => setText(e.target.value)} placeholder="Add a comment" />
              <button type="submit" disabled={!text.trim()}>Add comment</button>
            </form>
          )}
          {error && <p className="error" role="alert">{error}</p>}
        </div>
      )}
    </div>
  );
}

/** Snooze to a day (out of the groups until then; the due date stays), or wake a snoozed task. */
function Snooze({ task, onChanged }: { task: TaskItem; onChanged(): void }) {
  const toast = useToast((s) => s.show);
  const [until, setUntil] = useState(tomorrow());
  const [error, setError] = useState<string | null>(null);
  const send = async (value: string | null) => {
    setError(null);
    try {
      await post(`/api/tasks/${task.id}/snooze`, { until: value });
      toast(value ? `Snoozed until ${value}: ${task.title}` : `Woken: ${task.title}`);
      onChanged();
    } catch (e) { setError(e instanceof ApiError ? e.fieldError('until') ?? e.advice : String(e)); }
  };
  if (task.snoozedUntil) return <button type="button" onClick={() => void send(null)}>Wake now</button>;
  const id = `snooze-${task.id}`;
  return (
    <form className="row snooze" onSubmit={(e) => { e.preventDefault(); void send(until); }}>
      <label htmlFor={id}>Snooze until</label>
      <input id={id} type="date" min={tomorrow()} value={until} onChange={(e) => setUntil(e.target.value)} aria-invalid={error ? true : undefined} />
      <button type="submit">Snooze</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}

function Reassign({ task, csms, onChanged }: { task: TaskItem; csms: Csm[]; onChanged(): void }) {
  const toast = useToast((s) => s.show);
  const [csmId, setCsmId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const send = async () => {
    setError(undefined);
    try { await post(`/api/tasks/${task.id}/reassign`, { csmId }); toast(`Reassigned to ${csmId}: ${task.title}`); onChanged(); } catch (e) {
      setError(e instanceof ApiError ? e.fieldError('csmId') ?? e.advice : String(e));
    }
  };
  return (
    <form className="row reassign" onSubmit={(e) => { e.preventDefault(); void send(); }}>
      <CsmSelect id={`reassign-${task.id}`} label="Reassign to" value={csmId} csms={csms.filter((c) => c.id !== task.assignee.csmId)} onChange={setCsmId} error={error} />
      <button type="submit" disabled={!csmId}>Reassign</button>
    </form>
  );
}

/** One task: what, when, for whom, the account's context, and what the signed-in person may do with it. */
export function TaskCard({ task, account, actions }: { task: TaskItem; account?: AccountContext | null; actions: TaskActions }) {
  const toast = useToast((s) => s.show);
  const [completing, setCompleting] = useState(false);
  const open = task.status === 'open';
  const complete = async (result?: Record<string, unknown>) => {
    try {
      await post(`/api/tasks/${task.id}/complete`, result ? { result } : {});
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) throw e;
      toast(`Not completed. ${e instanceof ApiError && e.status === 409 ? 'The task was cancelled meanwhile; reload the list.'
        : e instanceof ApiError && e.status === 404 ? 'You may not complete that task (it belongs to someone else) or it no longer exists.'
        : adviceOf(e)}`, 'error');
      return;
    }
    toast(`Completed: ${task.title}`);
    setCompleting(false);
    actions.onChanged();
  };
  return (
    <li className={`card task${task.overdue ? ' overdue' : ''}`} data-testid="task">
      <div className="row">
        <strong>{task.title}</strong>
        <span className={`badge status-${task.status}`}>{task.status}</span>
        {task.required && <span className="badge badge-required" data-testid="task-required">must complete</span>}
        {task.overdue && <span className="badge badge-error">overdue</span>}
        {task.priority && task.priority !== 'normal' && <span className="badge">{task.priority}</span>}
        {task.snoozedUntil && <span className="badge">snoozed until {day(task.snoozedUntil)}</span>}
        <span className="grow" />
        {actions.canComplete && open && !completing && (
          <button type="button" className="primary" onClick={() => setCompleting(true)} aria-label={`Complete “${task.title}”`}>Complete…</button>
        )}
      </div>
      <p className="muted">
        {!account && <><Link to="/accounts/$id" params={{ id: task.accountId }}>{task.accountId}</Link> · </>}
        {taskDueText(task)} · for {task.assignee.csmId ?? task.assignee.role ?? 'nobody'}
        {task.source && ` · from ${task.source}${task.stepId ? ` (${task.stepId})` : ''}`}
      </p>
      {account && <AccountLine account={account} />}
      {task.description && <p className="task-desc">{task.description}</p>}
      {actions.canComplete && completing && <TaskResultForm task={task} onComplete={complete} onCancel={() => setCompleting(false)} />}
      {open && (actions.canComplete || actions.canReassign) && (
        <div className="row task-actions">
          {actions.canComplete && <Snooze task={task} onChanged={actions.onChanged} />}
          {actions.canReassign && <Reassign task={task} csms={actions.csms} onChanged={actions.onChanged} />}
        </div>
      )}
      <Comments task={task} canWrite={actions.canComplete} />
    </li>
  );
}
