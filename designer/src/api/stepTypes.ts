import { get } from './client';
import type { StepTypesResponse } from './types';

let cached: Promise<StepTypesResponse> | null = null;

/** The palette from GET /api/step-types, fetched once per page (again after a failure). */
export function loadStepTypes(): Promise<StepTypesResponse> {
  cached ??= get<StepTypesResponse>('/api/step-types').catch((e) => { cached = null; throw e; });
  return cached;
}
