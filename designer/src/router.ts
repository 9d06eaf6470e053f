import { useSyncExternalStore } from 'react';

/** Hash routes: #/ (playbooks), #/new/{id}?name=, #/p/{id}[/history|simulate|runtime]. */
export type Route =
  | { screen: 'list' }
  | { screen: 'editor'; id: string; tab: 'design' | 'history' | 'simulate' | 'runtime'; newName?: string };

export function parseRoute(hash: string): Route {
  const [path, query] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new' && parts[1]) return { screen: 'editor', id: parts[1], tab: 'design', newName: new URLSearchParams(query ?? '').get('name') ?? '' };
  if (parts[0] === 'p' && parts[1]) {
    const tab = parts[2] === 'history' || parts[2] === 'simulate' || parts[2] === 'runtime' ? parts[2] : 'design';
    return { screen: 'editor', id: parts[1], tab };
  }
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
