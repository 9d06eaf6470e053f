import { get } from './client';

/** How long a prefetched answer stays good: it only bridges the moment the editor's code takes to arrive. */
const FRESH_MS = 10_000;
const started = new Map<string, { request: Promise<unknown>; at: number }>();

/**
 * Starts a GET before the screen that needs it has loaded: the editor is a separate chunk, so its data can be on the
 * way while its code is fetched and parsed. Failures surface when the screen takes the result.
 */
export function prefetch(path: string): void {
  const request = get(path);
  request.catch(() => {});
  started.set(path, { request, at: performance.now() });
}

/** The prefetched answer for `path` if it is fresh (taken once, so a later reload asks again), else a new GET. */
export function getPrefetched<T>(path: string): Promise<T> {
  const entry = started.get(path);
  started.delete(path);
  return entry && performance.now() - entry.at < FRESH_MS ? (entry.request as Promise<T>) : get<T>(path);
}
