import type { StepDto } from '../api/types';

export const DEFAULT_OUTCOME = 'done';

/**
 * The outcomes a step can leave by, as the engine defines them (StepType.OutcomesOf):
 * branch true/false, switch = cases + default, waitForEvent received (+ timeout when a timeout is set), end none, others done.
 * /api/step-types does not publish outcomes yet, so this table mirrors the engine.
 */
export function outcomesOf(step: StepDto): string[] {
  switch (step.type) {
    case 'branch': return ['true', 'false'];
    case 'switch': {
      const cases = Array.isArray(step.cases) ? step.cases.filter((c): c is string => typeof c === 'string' && c !== '') : [];
      return [...cases, 'default'];
    }
    case 'waitForEvent': return typeof step.timeout === 'string' && step.timeout.trim() ? ['received', 'timeout'] : ['received'];
    case 'end': return [];
    default: return [DEFAULT_OUTCOME];
  }
}
