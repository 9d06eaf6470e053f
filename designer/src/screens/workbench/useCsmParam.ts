import { getRouteApi } from '@tanstack/react-router';

const route = getRouteApi('/tasks');

/** The workbench's CSM as the address's `csm` search parameter (`#/tasks?csm=dana`), so the view is a link; setting it pushes a history entry. */
export function useCsmParam(): [string | undefined, (csmId: string | undefined) => void] {
  const { csm } = route.useSearch();
  const navigate = route.useNavigate();
  return [csm, (csmId) => void navigate({ search: (prev) => ({ ...prev, csm: csmId }) })];
}
