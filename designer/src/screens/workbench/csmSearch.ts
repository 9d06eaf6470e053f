import type { Csm } from '../CsmSelect';

/** CSMs whose name or id contains the typed text (any case); all of them for empty text. */
export function matchCsms(csms: Csm[], text: string): Csm[] {
  const q = text.trim().toLowerCase();
  return q ? csms.filter((c) => c.name.toLowerCase().includes(q) || c.id.toLowerCase().includes(q)) : csms;
}

/** The `csm` search parameter of a hash route (`#/tasks?csm=dana`); undefined when absent or empty. */
export function csmParam(hash: string): string | undefined {
  return new URLSearchParams(hash.split('?')[1] ?? '').get('csm') || undefined;
}

/** The hash path with `csm` set (or removed for undefined), other parameters kept. */
export function withCsmParam(hash: string, csmId: string | undefined): string {
  const [path, query] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query ?? '');
  if (csmId) params.set('csm', csmId); else params.delete('csm');
  const text = params.toString();
  return `${path || '/tasks'}${text ? `?${text}` : ''}`;
}
