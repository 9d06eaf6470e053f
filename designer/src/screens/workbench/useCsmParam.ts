import { useSyncExternalStore } from 'react';
import { navigate } from '../../router';
import { csmParam, withCsmParam } from './csmSearch';

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

/**
 * The workbench's CSM as the URL's `csm` search parameter (`#/tasks?csm=dana`), so the view is a link; setting it
 * pushes a history entry. The one place the workbench touches the router: swap this hook for the router's own
 * search-param hook when the routes move.
 */
export function useCsmParam(): [string | undefined, (csmId: string | undefined) => void] {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return [csmParam(hash), (csmId) => navigate(withCsmParam(location.hash, csmId))];
}
