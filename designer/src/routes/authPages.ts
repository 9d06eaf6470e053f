import { useSyncExternalStore } from 'react';

/**
 * Pages a person reaches before having a session. The host's links point at paths (docs/auth.md: /setup, /invite,
 * /reset-password with ?token=, /signin?error= after single sign-on); "forgot password" is reached from the sign-in form.
 * They stay outside the hash router: they are real paths (the hash router only sees the fragment), they show before
 * anyone is signed in, and their token must leave the address once used (enterApp).
 */
export type AuthPage =
  | { page: 'setup'; token: string }
  | { page: 'invite'; token: string }
  | { page: 'reset-password'; token: string }
  | { page: 'forgot-password' }
  | { page: 'signin'; error?: string; next?: string };

/** The page for a path the host serves the designer at (/setup?token=…), or #/forgot-password; null for the app's own screens. */
export function parseAuthPage(pathname: string, search: string, hash: string): AuthPage | null {
  const query = new URLSearchParams(search);
  const token = query.get('token') ?? '';
  switch (pathname.replace(/\/+$/, '')) {
    case '/setup': return { page: 'setup', token };
    case '/invite': return { page: 'invite', token };
    case '/reset-password': return { page: 'reset-password', token };
    case '/signin': return {
      page: 'signin',
      ...(query.get('error') ? { error: query.get('error')! } : {}),
      ...(query.get('next')?.startsWith('/') ? { next: query.get('next')! } : {}),
    };
  }
  return hash.replace(/^#/, '').split('?')[0] === '/forgot-password' ? { page: 'forgot-password' } : null;
}

/** Leaves a sign-in page (/setup?token=…) for a screen of the app, dropping the used token from the address. */
export function enterApp(path = '/'): void {
  history.replaceState(null, '', `/#${path}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  window.addEventListener('popstate', cb);
  return () => { window.removeEventListener('hashchange', cb); window.removeEventListener('popstate', cb); };
};

/** The sign-in page the address shows, if any; re-read when the address changes. */
export function useAuthPage(): AuthPage | null {
  const href = useSyncExternalStore(subscribe, () => location.href);
  const url = new URL(href);
  return parseAuthPage(url.pathname, url.search, url.hash);
}
