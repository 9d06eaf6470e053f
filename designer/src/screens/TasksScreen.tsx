import { getRouteApi } from '@tanstack/react-router';
import { adviceOf, ApiError } from '../api/client';
import { useMe } from '../api/me';
import { workbenchPath } from '../api/workbench-picker';
import type { Page, TaskItem, WorkbenchView } from '../api/types';
import { useGet, useInvalidate } from '../hooks/useApi';
import { completeBlockedReason, inboxHeading } from '../model/me';
import { TASK_PAGE, taskQuery, type TaskFilter } from '../model/success';
import { Pager } from '../components/ListControls';
import { workGroups } from '../model/workbench';
import { useCsms } from './CsmSelect';
import { TaskCard } from './TaskCard';
import { CsmPicker } from './workbench/CsmPicker';
import { useCsmParam } from './workbench/useCsmParam';

const FILTERS: { value: TaskFilter; label: string }[] = [
  { value: 'open', label: 'My work' }, { value: 'overdue', label: 'Overdue' }, { value: 'completed', label: 'Completed' }, { value: 'all', label: 'All' },
];
const EMPTY: Record<TaskFilter, string> = {
  open: 'No open tasks. Playbooks create tasks with the "Create task" step; they appear here for the CSM they are assigned to.',
  overdue: 'Nothing is overdue.',
  completed: 'No completed tasks yet.',
  all: 'No tasks for this key. A CSM key sees only its own tasks; an ops key sees everyone\'s.',
};

const route = getRouteApi('/tasks');

function tasksError(e: unknown): string {
  if (e instanceof ApiError && e.status === 403 && e.detail)
    return `${e.detail}. Ask an administrator to give this key a CsmId in Auth:ApiKeys, or use an ops key to see every task.`;
  return adviceOf(e);
}

/**
 * "My work": the open tasks of the signed-in CSM (ops and cs-lead: everyone's) grouped overdue / today / this week /
 * later, each with its account's context; snoozed tasks apart. The other filters list tasks flat. Complete through the
 * task's result form, snooze, reassign (ops, cs-lead) and comment. Viewers read only. Ops and CS leads pick a CSM to see
 * that CSM's workbench (`#/tasks?csm=ID`).
 */
export function TasksScreen() {
  const { me, error: meError } = useMe();
  // Unknown identity (GET /api/me failed): offer Complete and let the API decide.
  const canComplete = me ? me.can.completeTasks : !!meError;
  const canReassign = !!me?.can.reassignTasks;
  const blocked = me ? completeBlockedReason(me) : undefined;
  const csms = useCsms(canReassign);
  // The filter and the CSM whose workbench is shown are in the address (#/tasks?show=overdue, #/tasks?csm=ID).
  const { show: filter = 'open', skip = 0 } = route.useSearch();
  const navigate = route.useNavigate();
  const setFilter = (show: TaskFilter) => navigate({ search: (prev) => ({ ...prev, skip: undefined, show: show === 'open' ? undefined : show }) });
  const [csm, setCsm] = useCsmParam();
  const shownCsm = canReassign ? csm : undefined;
  // TanStack Query, cached per filter and CSM; the workbench waits until we know whether the picker applies.
  const workQuery = useGet<WorkbenchView>(filter === 'open' && (me || meError) ? workbenchPath(shownCsm) : null, { keepPrevious: false });
  const tasksQuery = useGet<Page<TaskItem>>(filter === 'open' ? null : `/api/tasks?${taskQuery(filter, skip)}`);
  const invalidate = useInvalidate();
  const load = () => void invalidate('/api/tasks');
  const work = workQuery.data;
  const tasks = tasksQuery.data;
  const failed = filter === 'open' ? workQuery.error : tasksQuery.error;
  const error = failed ? tasksError(failed) : null;
  const actions = { canComplete, canReassign, csms, onChanged: load };
  const loaded = filter === 'open' ? work : tasks;

  return (
    <main className="screen tasks">
      <h1 data-testid="tasks-heading">{shownCsm ? `Work of ${csms.find((c) => c.id === shownCsm)?.name ?? shownCsm}` : inboxHeading(me)}</h1>
      {blocked && <p className="hint" data-testid="tasks-readonly">{blocked}</p>}
      <fieldset className="row filters plain">
        <legend className="sr-only">Show tasks</legend>
        {FILTERS.map((f) => (
          <label key={f.value} className="radio"><input type="radio" name="task-filter" value={f.value} checked={filter === f.value} onChange={() => setFilter(f.value)} data-testid={`task-filter-${f.value}`} /> {f.label}</label>
        ))}
        <span className="grow" />
        <button type="button" onClick={load}>Refresh</button>
      </fieldset>
      {canReassign && filter === 'open' && <CsmPicker csms={csms} value={shownCsm} onChange={setCsm} />}
      {error && <p className="error-box" role="alert">{error}</p>}
      {!loaded && !error && <p aria-busy="true">Loading…</p>}
      {filter === 'open' && work && (work.total === 0
        ? <div className="empty-state" data-testid="tasks-empty"><p>{EMPTY.open}</p></div>
        : (
          <>
            {workGroups(work).map((g) => (
              <section key={g.key} className="work-group" aria-labelledby={`group-${g.key}`} data-testid={`group-${g.key}`}>
                <h2 id={`group-${g.key}`}>{g.title} <span className="muted">({g.items.length})</span></h2>
                {g.items.length === 0 ? <p className="muted">Nothing {g.key === 'overdue' ? 'overdue' : 'due'}{g.key === 'overdue' ? '' : ` ${g.title.toLowerCase()}`}.</p> : (
                  <ul className="task-list">{g.items.map((i) => <TaskCard key={i.task.id} task={i.task} account={i.account} actions={actions} />)}</ul>
                )}
              </section>
            ))}
            {work.snoozed.length > 0 && (
              <section className="work-group" aria-labelledby="group-snoozed" data-testid="group-snoozed">
                <h2 id="group-snoozed">Snoozed <span className="muted">({work.snoozed.length})</span></h2>
                <ul className="task-list">{work.snoozed.map((i) => <TaskCard key={i.task.id} task={i.task} account={i.account} actions={actions} />)}</ul>
              </section>
            )}
          </>
        ))}
      {filter !== 'open' && tasks && tasks.items.length === 0 && <div className="empty-state" data-testid="tasks-empty"><p>{EMPTY[filter]}</p></div>}
      {filter !== 'open' && tasks && tasks.items.length > 0 && (
        <ul className="task-list" data-testid="task-list">
          {tasks.items.map((t) => <TaskCard key={t.id} task={t} actions={actions} />)}
        </ul>
      )}
      {filter !== 'open' && tasks && tasks.total > 0 && (
        <Pager skip={skip} shown={tasks.items.length} total={tasks.total} size={TASK_PAGE} testId="task-count" busy={tasksQuery.isPlaceholderData}
          onSkip={(s) => navigate({ search: (prev) => ({ ...prev, skip: s }) })} />
      )}
    </main>
  );
}
