import { client, data } from './client';
import type { StepTypesResponse } from './types';
import { declareOutcomes } from '../model/outcomes';

let cached: Promise<StepTypesResponse> | null = null;

/** The palette from GET /api/step-types, fetched once per page (again after a failure); registers each type's outcomes. */
export function loadStepTypes(): Promise<StepTypesResponse> {
  cached ??= data(client.GET('/api/step-types')).then((types) => types as StepTypesResponse).then((types) => { declareOutcomes(types.steps); return types; }, (e) => { cached = null; throw e; });
  return cached;
}
