import { useSyncExternalStore } from 'react';
import { del, get, post } from './client';

/** GET /api/demo: the demo book as it stands (docs/demo.md). */
export interface DemoStatus {
  loaded: boolean;
  accounts: number;
  expectedAccounts: number;
  csms: number;
  stages: Record<string, number>;
  bands: Record<string, number>;
  runningByPlaybook: Record<string, number>;
  openTasks: number;
}

/** POST /api/demo: "loaded" (201) or "already-loaded" (200, nothing changed). */
export interface DemoLoadResult { outcome: 'loaded' | 'already-loaded'; message: string; status: DemoStatus }

/** DELETE /api/demo: what the removal took away. */
export interface DemoRemoval { accounts: number; csms: number; instancesCancelled: number; tasks: number; emails: number }

export const demoStatus = () => get<DemoStatus>('/api/demo');
export const loadDemo = () => post<DemoLoadResult>('/api/demo');
export const removeDemo = () => del<DemoRemoval>('/api/demo');

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
