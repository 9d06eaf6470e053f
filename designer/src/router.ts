import { useSyncExternalStore } from 'react';

/** Hash routes: #/ (playbooks), #/new/{id}?name=, #/p/{id}[/history|simulate|runtime[?instance=]], #/accounts[/{id}], #/tasks, #/emails[/{id}]. */
export type Route =
  | { screen: 'list' }
  | { screen: 'accounts' }
  | { screen: 'account'; id: string }
  | { screen: 'tasks' }
  | { screen: 'emails'; id?: string }
  | { screen: 'editor'; id: string; tab: 'design' | 'history' | 'simulate' | 'runtime'; newName?: string; instance?: string };

export function parseRoute(hash: string): Route {
  const [path, query] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new' && parts[1]) return { screen: 'editor', id: parts[1], tab: 'design', newName: new URLSearchParams(query ?? '').get('name') ?? '' };
  if (parts[0] === 'p' && parts[1]) {
    const tab = parts[2] === 'history' || parts[2] === 'simulate' || parts[2] === 'runtime' ? parts[2] : 'design';
    const instance = tab === 'runtime' ? new URLSearchParams(query ?? '').get('instance') : null;
    return instance ? { screen: 'editor', id: parts[1], tab, instance } : { screen: 'editor', id: parts[1], tab };
  }
  if (parts[0] === 'accounts') return parts[1] ? { screen: 'account', id: parts[1] } : { screen: 'accounts' };
  if (parts[0] === 'tasks') return { screen: 'tasks' };
  if (parts[0] === 'emails') return { screen: 'emails', id: parts[1] };
  return { screen: 'list' };
}

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', `#${path}`); else location.hash = path;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

const subscribe = (cb: () => void) => { window.addEventListener('hashchange', cb); return () => window.removeEventListener('hashchange', cb); };

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
