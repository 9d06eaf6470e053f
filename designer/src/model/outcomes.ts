import type { StepDto } from '../api/types';

export const DEFAULT_OUTCOME = 'done';

/**
 * Outcomes of the step types whose outcomes do not depend on their settings and are not just `done`, as the engine
 * declares them (each StepType's Outcomes): customer-success steps included. /api/step-types does not publish outcomes
 * yet, so this table mirrors the engine; the shipped-playbooks e2e test compares it with the engine's own answer.
 */
const FIXED_OUTCOMES: Record<string, readonly string[]> = {
  branch: ['true', 'false'],
  waitForTask: ['completed', 'overdue'],
  assessRenewal: ['high', 'medium', 'low'],
  checkHandoverPacket: ['complete', 'incomplete'],
  end: [],
};

/**
 * The outcomes a step can leave by (StepType.OutcomesOf): the fixed ones above, switch = cases + default,
 * waitForEvent received (+ timeout when a timeout is set), every other type done.
 */
export function outcomesOf(step: StepDto): string[] {
  const fixed = FIXED_OUTCOMES[step.type];
  if (fixed) return [...fixed];
  switch (step.type) {
    case 'switch': {
      const cases = Array.isArray(step.cases) ? step.cases.filter((c): c is string => typeof c === 'string' && c !== '') : [];
      return [...new Set([...cases, 'default'])];
    }
    case 'waitForEvent': return typeof step.timeout === 'string' && step.timeout.trim() ? ['received', 'timeout'] : ['received'];
    default: return [DEFAULT_OUTCOME];
  }
}
