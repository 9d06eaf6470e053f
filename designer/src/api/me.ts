import { useSyncExternalStore } from 'react';
import { adviceOf, ApiError, client, data, onAuthError, resetAntiforgery, setCurrentRole } from './client';
import type { Me } from './types';

/** Who is signed in: unknown until GET /api/me answers; a 401 from any call means signed out. */
export type Session =
  | { status: 'loading' }
  | { status: 'signed-in'; me: Me }
  | { status: 'signed-out'; reason?: string }
  | { status: 'failed'; error: string };

let session: Session = { status: 'loading' };
const listeners = new Set<() => void>();

function set(next: Session): void {
  session = next;
  setCurrentRole(next.status === 'signed-in' ? next.me.role : undefined);
  listeners.forEach((l) => l());
}

/** Asks the server who this browser is (after loading, signing in, or a change of role). */
export async function refreshSession(): Promise<Session> {
  try {
    set({ status: 'signed-in', me: (await data(client.GET('/api/me'))) as Me });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) set({ status: 'signed-out' });
    else set({ status: 'failed', error: adviceOf(e) });
  }
  return session;
}

/** After a sign-in, setup or accepted invitation: a new antiforgery token belongs to the new session. */
export function signedIn(): Promise<Session> {
  resetAntiforgery();
  return refreshSession();
}

/** Ends the session on the server (every session of this person) and shows the sign-in screen. */
export async function signOut(): Promise<void> {
  try { await client.POST('/api/auth/logout'); } finally {
    resetAntiforgery();
    set({ status: 'signed-out', reason: 'You are signed out.' });
  }
}

onAuthError((e) => {
  if (e.status === 401 && session.status === 'signed-in') {
    resetAntiforgery();
    set({ status: 'signed-out', reason: 'Your session ended (signed out, expired, or your password changed). Sign in again.' });
  }
});

const subscribe = (cb: () => void) => { listeners.add(cb); return () => { listeners.delete(cb); }; };

export function useSession(): Session {
  return useSyncExternalStore(subscribe, () => session);
}

/** The signed-in person or key; `error` says why it is unknown (the screens then fall back to what the API allows). */
export function useMe(): { me?: Me; error?: string } {
  const s = useSession();
  return s.status === 'signed-in' ? { me: s.me } : s.status === 'failed' ? { error: s.error } : {};
}
