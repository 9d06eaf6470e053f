import type { StepDto, StepTypeInfo } from '../api/types';

/** Palette groups, in the order the palette shows them. */
export const CATEGORIES = ['flow', 'tasks', 'email', 'data'] as const;

export interface StepLook { title: string; icon: string }

/** How known step types look; types the server adds later fall back to their name and a generic icon. */
const LOOKS: Record<string, StepLook> = {
  wait: { title: 'Wait', icon: '◷' },
  waitUntil: { title: 'Wait until date', icon: '▤' },
  waitForEvent: { title: 'Wait for event', icon: '⚑' },
  waitForTask: { title: 'Wait for task', icon: '◶' },
  branch: { title: 'Branch', icon: '◇' },
  switch: { title: 'Switch', icon: '☰' },
  startPlaybook: { title: 'Start playbook', icon: '▶' },
  setVariable: { title: 'Set variable', icon: '≔' },
  end: { title: 'End', icon: '■' },
  createTask: { title: 'Create task', icon: '☑' },
  sendEmail: { title: 'Send email', icon: '✉' },
  sendSurvey: { title: 'Send survey', icon: '★' },
  notify: { title: 'Notify', icon: '♪' },
  setStage: { title: 'Set stage', icon: '⇥' },
  setField: { title: 'Set field', icon: '✎' },
  webhook: { title: 'Webhook', icon: '⇄' },
};

export function lookOf(type: string): StepLook {
  return LOOKS[type] ?? { title: type.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()), icon: '◆' };
}

/** Step types with their own node component; every other type uses the generic node. */
export const SPECIAL_NODE_TYPES = ['wait', 'waitUntil', 'waitForEvent', 'branch', 'switch', 'end', 'setVariable', 'startPlaybook'] as const;
const special = new Set<string>(SPECIAL_NODE_TYPES);

export function nodeTypeFor(stepType: string): string {
  return special.has(stepType) ? stepType : 'generic';
}

/** A new step of a type: just id and type, so the form and validation ask for what is required. */
export function createStep(type: string, id: string): StepDto {
  return { id, type };
}

export function groupByCategory(steps: StepTypeInfo[]): { category: string; steps: StepTypeInfo[] }[] {
  const order = [...CATEGORIES, ...new Set(steps.map((s) => s.category).filter((c) => !(CATEGORIES as readonly string[]).includes(c)))];
  return order.map((category) => ({ category, steps: steps.filter((s) => s.category === category) }));
}
