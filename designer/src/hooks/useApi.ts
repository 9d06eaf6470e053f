import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { get } from '../api/client';

/**
 * The cache key of a GET path: its segments, then its query string (`/api/tasks?status=open` → api, tasks,
 * status=open), so a change invalidates a whole area by its prefix (`/api/tasks`) whatever the filters.
 */
export function pathKey(path: string): string[] {
  const [pathname, query] = path.split('?');
  const parts = pathname.split('/').filter(Boolean);
  return query ? [...parts, query] : parts;
}

/**
 * A GET through TanStack Query, cached under its path; null waits. A screen shows what it last saw at once and asks
 * again on every visit (stale at once: others change the data too). A list keeps showing its last page while the next
 * filter or page loads (`isPlaceholderData`), instead of flashing "Loading…".
 */
export function useGet<T>(path: string | null, { keepPrevious = true }: { keepPrevious?: boolean } = {}) {
  return useQuery({
    queryKey: path ? pathKey(path) : ['nothing'],
    queryFn: () => get<T>(path!),
    enabled: path !== null,
    staleTime: 0,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}

/** Marks every cached GET under the given paths stale (and refetches those on screen): call after a change. */
export function useInvalidate(): (...paths: string[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(async (...paths: string[]) => {
    await Promise.all(paths.map((p) => client.invalidateQueries({ queryKey: pathKey(p) })));
  }, [client]);
}
