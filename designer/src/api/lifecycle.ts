import type { components } from './schema';

/** POST /api/simulations/lifecycle (docs/simulation.md "Whole lifecycle"). */
export interface LifecyclePlaybookChoice { id: string; version: 'draft' | number }

export type LifecycleEntry = components['schemas']['LifecycleStep'];

export type LifecycleResult = components['schemas']['LifecycleRun'];
