import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../api/client';
import { useMe } from '../api/me';
import type { Page, TaskItem } from '../api/types';
import { useToast } from '../components/Toast';
import { completeBlockedReason, inboxHeading } from '../model/me';
import { completionResult, taskDueText, taskQuery, type TaskFilter } from '../model/success';

const FILTERS: { value: TaskFilter; label: string }[] = [
  { value: 'open', label: 'Open' }, { value: 'overdue', label: 'Overdue' }, { value: 'completed', label: 'Completed' }, { value: 'all', label: 'All' },
];
const EMPTY: Record<TaskFilter, string> = {
  open: 'No open tasks. Playbooks create tasks with the "Create task" step; they appear here for the CSM they are assigned to.',
  overdue: 'Nothing is overdue.',
  completed: 'No completed tasks yet.',
  all: 'No tasks for this key. A CSM key sees only its own tasks; an ops key sees everyone\'s.',
};

function tasksError(e: unknown): string {
  if (e instanceof ApiError && e.status === 403 && e.detail)
    return `${e.detail}. Ask an administrator to give this key a CsmId in Auth:ApiKeys, or use an ops key to see every task.`;
  return e instanceof ApiError ? e.advice : String(e);
}

/**
 * The task inbox of the current key (a CSM key sees its own, ops and viewers all), headed with whose inbox it is:
 * filter, complete with an optional note or result. Keys that may not complete (viewers) get no Complete control.
 */
export function TasksScreen() {
  const toast = useToast((s) => s.show);
  const { me, error: meError } = useMe();
  // Unknown identity (GET /api/me failed): offer Complete and let the API decide.
  const canComplete = me ? me.can.completeTasks : !!meError;
  const blocked = me ? completeBlockedReason(me) : undefined;
  const [filter, setFilter] = useState<TaskFilter>('open');
  const [tasks, setTasks] = useState<Page<TaskItem> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [completing, setCompleting] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    setError(null);
    get<Page<TaskItem>>(`/api/tasks?${taskQuery(filter)}`).then(setTasks, (e) => setError(tasksError(e)));
  }, [filter]);
  useEffect(load, [load]);

  const complete = async (task: TaskItem) => {
    setBusy(true);
    try {
      const result = completionResult(note);
      await post(`/api/tasks/${task.id}/complete`, result ? { result } : {});
      toast(`Completed: ${task.title}`);
      setCompleting(null); setNote('');
      load();
    } catch (e) {
      toast(`Not completed. ${e instanceof ApiError && e.status === 409 ? 'The task was cancelled meanwhile; reload the list.'
        : e instanceof ApiError && e.status === 404 ? 'This key may not complete that task (it belongs to someone else) or it no longer exists.'
        : e instanceof ApiError && e.status === 403 ? 'This key may only read tasks (viewer). Use a CSM key or an ops key to complete them.'
        : tasksError(e)}`, 'error');
    } finally { setBusy(false); }
  };

  return (
    <main className="screen tasks">
      <h1 data-testid="tasks-heading">{inboxHeading(me)}</h1>
      {blocked && <p className="hint" data-testid="tasks-readonly">{blocked}</p>}
      <fieldset className="row filters plain">
        <legend className="sr-only">Show tasks</legend>
        {FILTERS.map((f) => (
          <label key={f.value} className="radio"><input type="radio" name="task-filter" value={f.value} checked={filter === f.value} onChange={() => setFilter(f.value)} data-testid={`task-filter-${f.value}`} /> {f.label}</label>
        ))}
        <span className="grow" />
        <button type="button" onClick={load}>Refresh</button>
      </fieldset>
      {error && <p className="error-box" role="alert">{error}</p>}
      {!tasks && !error && <p aria-busy="true">Loading…</p>}
      {tasks && tasks.items.length === 0 && <div className="empty-state" data-testid="tasks-empty"><p>{EMPTY[filter]}</p></div>}
      {tasks && tasks.items.length > 0 && (
        <ul className="task-list" data-testid="task-list">
          {tasks.items.map((t) => (
            <li key={t.id} className={`card task${t.overdue ? ' overdue' : ''}`} data-testid="task">
              <div className="row">
                <strong>{t.title}</strong>
                <span className={`badge status-${t.status}`}>{t.status}</span>
                {t.overdue && <span className="badge badge-error">overdue</span>}
                {t.priority && t.priority !== 'normal' && <span className="badge">{t.priority}</span>}
                <span className="grow" />
                {canComplete && t.status === 'open' && completing !== t.id && (
                  <button type="button" className="primary" onClick={() => { setCompleting(t.id); setNote(''); }} aria-label={`Complete “${t.title}”`}>Complete…</button>
                )}
              </div>
              <p className="muted">
                <a href={`#/accounts/${encodeURIComponent(t.accountId)}`}>{t.accountId}</a> · {taskDueText(t)} · for {t.assignee.csmId ?? t.assignee.role ?? 'nobody'}
                {t.source && ` · from ${t.source}${t.stepId ? ` (${t.stepId})` : ''}`}
              </p>
              {t.description && <p className="task-desc">{t.description}</p>}
              {canComplete && completing === t.id && (
                <form className="form complete-form" onSubmit={(e) => { e.preventDefault(); void complete(t); }} aria-label={`Complete ${t.title}`}>
                  <div className="field">
                    <label htmlFor={`note-${t.id}`}>Note or result (optional)</label>
                    <textarea id={`note-${t.id}`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} autoFocus
                      aria-describedby={`note-hint-${t.id}`} data-testid="task-note" />
                    <p id={`note-hint-${t.id}`} className="hint">Plain text is sent as {'{ "note": … }'}; a JSON object such as {'{ "cause": "management-changed" }'} is sent as the result the playbook reads.</p>
                  </div>
                  <div className="row">
                    <button type="submit" className="primary" disabled={busy} data-testid="task-complete">Mark completed</button>
                    <button type="button" onClick={() => setCompleting(null)}>Cancel</button>
                  </div>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {tasks && tasks.total > tasks.items.length && <p className="hint">Showing {tasks.items.length} of {tasks.total}.</p>}
    </main>
  );
}
