import type { Csm } from '../CsmSelect';

/** CSMs whose name or id contains the typed text (any case); all of them for empty text. */
export function matchCsms(csms: Csm[], text: string): Csm[] {
  const q = text.trim().toLowerCase();
  return q ? csms.filter((c) => c.name.toLowerCase().includes(q) || c.id.toLowerCase().includes(q)) : csms;
}
