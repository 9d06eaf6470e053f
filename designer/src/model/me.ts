import type { Me } from '../api/types';

/** The header line: "Signed in as e2e · ops"; a CSM (person or key) also names its CSM when the name differs. */
export function signedInText(me: Pick<Me, 'name' | 'role' | 'csm'>): string {
  const csm = me.csm && me.csm.name !== me.name ? ` (${me.csm.name})` : '';
  return `Signed in as ${me.name}${csm} · ${me.role}`;
}

/**
 * Whose inbox the task screen shows: a CSM key its own ("Tasks for Dana Reyes (CSM)", the CSM id when the CSM is not
 * recorded yet); ops and viewers every task.
 */
export function inboxHeading(me: Pick<Me, 'role' | 'csmId' | 'csm'> | null | undefined): string {
  if (!me) return 'My tasks';
  if (me.role === 'csm') return me.csmId ? `Tasks for ${me.csm?.name ?? me.csmId} (CSM)` : 'My tasks';
  if (me.role === 'ops') return 'All tasks (ops view)';
  if (me.role === 'viewer') return 'All tasks (viewer, read-only)';
  return 'Tasks';
}

/** Why this person (or key) cannot complete tasks, as a sentence for the inbox; undefined when it can. */
export function completeBlockedReason(me: Pick<Me, 'role' | 'csmId' | 'can' | 'kind'>): string | undefined {
  if (me.can.completeTasks) return undefined;
  if (me.kind === 'user') {
    if (me.role === 'viewer') return 'Your account has the viewer role: it can read every task but not complete one. Ask an ops user for the csm or cs-lead role to complete tasks.';
    if (me.role === 'csm' && !me.csmId) return 'Your account has the csm role but is linked to no CSM, so it has no tasks of its own. Ask an ops user to link it (Users screen).';
    return `Your account (role ${me.role}) may not read or complete tasks. Ask an ops user for the csm or cs-lead role.`;
  }
  if (me.role === 'viewer') return 'This key has the viewer role: it can read every task but not complete one. Use your CSM key (your own tasks) or an ops key to complete tasks.';
  if (me.role === 'csm' && !me.csmId) return 'This CSM key has no CsmId in Auth:ApiKeys, so it has no tasks of its own. Ask an administrator to add one.';
  return `This key (role ${me.role}) may not read or complete tasks. Use a CSM key or an ops key.`;
}
