import { useSyncExternalStore } from 'react';
import { client, data } from './client';
import type { components } from './schema';

type S = components['schemas'];

/** GET /api/demo: the demo book as it stands (docs/demo.md). */
export type DemoStatus = S['DemoStatus'];

/** POST /api/demo: "loaded" (201) or "already-loaded" (200, nothing changed). */
export type DemoLoadResult = Omit<S['LoadResult'], 'outcome'> & { outcome: 'loaded' | 'already-loaded' };

/** DELETE /api/demo: what the removal took away. */
export type DemoRemoval = S['DemoRemoval'];

export const demoStatus = () => data(client.GET('/api/demo'));
export const loadDemo = async () => (await data(client.POST('/api/demo'))) as DemoLoadResult;
export const removeDemo = () => data(client.DELETE('/api/demo'));

/** Bumped after the demo book is loaded or removed, so the screen below the banner mounts afresh and reads the new book. */
let generation = 0;
const listeners = new Set<() => void>();

export function bookChanged(): void {
  generation++;
  listeners.forEach((l) => l());
}

export function useBookGeneration(): number {
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => generation);
}
