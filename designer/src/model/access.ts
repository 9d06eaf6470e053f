/**
 * Which role a call needs, for the sentence a 403 shows ("needs the ops role"). Mirrors the server's policies
 * (docs/auth.md); the server decides, this only explains.
 */
export function requiredRoleFor(method: string, path: string): string {
  const m = method.toUpperCase();
  const p = path.split('?')[0];
  if (p.startsWith('/api/users') || p.startsWith('/api/keys')) return 'ops';
  if (/^\/api\/tasks\/[^/]+\/reassign$/.test(p)) return 'cs-lead or ops';
  if (p.startsWith('/api/tasks')) return m === 'GET' ? 'csm (with a CSM), cs-lead, viewer or ops' : 'csm (their own tasks), cs-lead or ops';
  if (m === 'DELETE' && p.startsWith('/api/accounts')) return 'ops';
  if (m !== 'GET' && /^\/api\/accounts\/[^/]+\/success-criteria$/.test(p)) return 'csm (their own accounts), cs-lead or ops';
  if (m !== 'GET' && (p.startsWith('/api/accounts') || p.startsWith('/api/events') || p.startsWith('/api/usage') || /\/enrolments$/.test(p))) return 'ops (or an integration key)';
  if (m === 'GET') return 'any role';
  return 'ops';
}

/** The 403 sentence: who may not, and who may. */
export function forbiddenAdvice(method: string, path: string, role?: string): string {
  const who = role ? `Your role (${role})` : 'Your role';
  return `${who} may not do this: it needs the ${requiredRoleFor(method, path)} role. Ask an ops user to change your role if you need it.`;
}
