/** GET /api/tasks/workbench: the signed-in CSM's own, or (ops, cs-lead) the CSM `csmId`'s; without it everyone's. */
export const workbenchPath = (csmId?: string) => `/api/tasks/workbench${csmId ? `?assignee=${encodeURIComponent(csmId)}` : ''}`;
