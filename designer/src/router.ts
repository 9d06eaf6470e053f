import { useSyncExternalStore } from 'react';

/** Screens of the signed-in designer, as hash routes. */
export type Route =
  | { screen: 'list' }
  | { screen: 'accounts' }
  | { screen: 'account'; id: string }
  | { screen: 'tasks' }
  | { screen: 'emails'; id?: string }
  | { screen: 'users' }
  | { screen: 'keys' }
  | { screen: 'crm' }
  | { screen: 'password' }
  | { screen: 'dashboard'; params: Record<string, string> }
  | { screen: 'editor'; id: string; tab: 'design' | 'history' | 'simulate' | 'forecast' | 'runtime'; newName?: string; instance?: string };

/**
 * Pages a person reaches before having a session. The host's links point at paths (docs/auth.md: /setup, /invite,
 * /reset-password with ?token=, /signin?error= after single sign-on); "forgot password" is reached from the sign-in form.
 */
export type AuthPage =
  | { page: 'setup'; token: string }
  | { page: 'invite'; token: string }
  | { page: 'reset-password'; token: string }
  | { page: 'forgot-password' }
  | { page: 'signin'; error?: string; next?: string };

/** Hash routes: #/ (playbooks), #/new/{id}?name=, #/p/{id}[/history|simulate|forecast|runtime[?instance=]], #/accounts[/{id}], #/tasks, #/emails[/{id}], #/users, #/keys, #/crm, #/password, #/dashboard?tier=&industry=&csmId=&tag=&playbook=. */
export function parseRoute(hash: string): Route {
  const [path, query] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new' && parts[1]) return { screen: 'editor', id: parts[1], tab: 'design', newName: new URLSearchParams(query ?? '').get('name') ?? '' };
  if (parts[0] === 'p' && parts[1]) {
    const tab = parts[2] === 'history' || parts[2] === 'simulate' || parts[2] === 'forecast' || parts[2] === 'runtime' ? parts[2] : 'design';
    const instance = tab === 'runtime' ? new URLSearchParams(query ?? '').get('instance') : null;
    return instance ? { screen: 'editor', id: parts[1], tab, instance } : { screen: 'editor', id: parts[1], tab };
  }
  if (parts[0] === 'accounts') return parts[1] ? { screen: 'account', id: parts[1] } : { screen: 'accounts' };
  if (parts[0] === 'tasks') return { screen: 'tasks' };
  if (parts[0] === 'emails') return { screen: 'emails', id: parts[1] };
  if (parts[0] === 'users') return { screen: 'users' };
  if (parts[0] === 'keys') return { screen: 'keys' };
  if (parts[0] === 'crm') return { screen: 'crm' };
  if (parts[0] === 'password') return { screen: 'password' };
  if (parts[0] === 'dashboard') return { screen: 'dashboard', params: Object.fromEntries(new URLSearchParams(query ?? '')) };
  return { screen: 'list' };
}

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

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', `#${path}`); else location.hash = path;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
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

/** The whole address, so a change of path (sign-in pages) or of hash both re-render. */
export function useLocation(): { route: Route; authPage: AuthPage | null } {
  const href = useSyncExternalStore(subscribe, () => location.href);
  const url = new URL(href);
  return { route: parseRoute(url.hash), authPage: parseAuthPage(url.pathname, url.search, url.hash) };
}

export function useRoute(): Route {
  return useLocation().route;
}
