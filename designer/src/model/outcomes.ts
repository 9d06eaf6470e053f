import type { OutcomeRule, StepDto, StepTypeInfo } from '../api/types';

export const DEFAULT_OUTCOME = 'done';

const rules = new Map<string, OutcomeRule>();

/** Takes each step type's declared outcomes from GET /api/step-types (called whenever the palette loads). */
export function declareOutcomes(types: readonly Pick<StepTypeInfo, 'type' | 'outcomes'>[]): void {
  rules.clear();
  for (const t of types) rules.set(t.type, t.outcomes);
}

/**
 * The outcomes a step can leave by, from its type's rule as the engine evaluates it (OutcomeRule.Evaluate): the items of
 * the list setting (a switch's cases), the fixed outcomes, then one per optional setting that is given (a wait's
 * timeout). A type the host has not described (palette not loaded yet) offers `done`.
 */
export function outcomesOf(step: StepDto): string[] {
  const rule = rules.get(step.type);
  if (!rule) return [DEFAULT_OUTCOME];
  const items = rule.perItemOf && Array.isArray(step[rule.perItemOf])
    ? (step[rule.perItemOf] as unknown[]).filter((c): c is string => typeof c === 'string')
    : [];
  const given = rule.whenSet.filter((w) => {
    const value = step[w.setting];
    return value !== undefined && value !== null && !(typeof value === 'string' && !value.trim());
  });
  return [...new Set([...items, ...rule.fixed, ...given.map((w) => w.outcome)])];
}
