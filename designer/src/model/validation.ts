import type { JsonSchema, StepDto, StepTypeInfo } from '../api/types';
import { isIsoDuration } from './duration';

/** How the properties panel edits a setting; chosen from the settings schema. */
export type FieldKind = 'duration' | 'offset' | 'condition' | 'expression' | 'template' | 'list' | 'choices' | 'form' | 'enum' | 'time' | 'number' | 'boolean' | 'text';

const TEMPLATE_NAMES = new Set(['title', 'subject', 'body', 'message', 'text', 'template', 'description']);

export function fieldKind(name: string, schema: JsonSchema): FieldKind {
  const d = (schema.description ?? '').toLowerCase();
  if (schema.format === 'duration') return name === 'offset' || d.includes('before') || d.includes('-p') ? 'offset' : 'duration';
  if (schema.enum?.length) return 'enum';
  if (schema.type === 'array') return schema.items?.type === 'object' ? 'form' : schema.items?.enum?.length ? 'choices' : 'list';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  if (schema.type === 'boolean') return 'boolean';
  if (name === 'condition' || name === 'when' || d.includes('condition')) return 'condition';
  if (name === 'time' || d.includes('hh:mm')) return 'time';
  if (TEMPLATE_NAMES.has(name) || d.includes('template')) return 'template';
  if (d.includes('liquid') || d.includes('expression')) return 'expression';
  return 'text';
}

/** Balanced {{ }} and {% %} and closed quotes inside them; the server does the full Liquid check. */
export function checkLiquidTemplate(text: string): string | null {
  let i = 0;
  let outside = '';
  while (i < text.length) {
    const open = text.slice(i).search(/\{\{|\{%/);
    if (open < 0) break;
    const start = i + open;
    outside += text.slice(i, start) + ' ';
    const closeToken = text[start + 1] === '{' ? '}}' : '%}';
    let j = start + 2;
    let quote: string | null = null;
    for (; j < text.length; j++) {
      const ch = text[j];
      if (quote) { if (ch === quote) quote = null; continue; }
      if (ch === '"' || ch === "'") { quote = ch; continue; }
      if (text.startsWith(closeToken, j)) break;
    }
    if (j >= text.length) {
      return quote ? `a quote (${quote}) opened inside "${text.slice(start, start + 2)}" is never closed` : `"${text.slice(start, start + 2)}" at position ${start + 1} is never closed with "${closeToken}"`;
    }
    i = j + 2;
  }
  outside += text.slice(i);
  const stray = /\}\}|%\}/.exec(outside);
  return stray ? `"${stray[0]}" has no matching opening` : null;
}

/** A condition is a Liquid expression (no {{ }}), with balanced brackets and quotes. */
export function checkCondition(text: string): string | null {
  if (/\{\{|\{%/.test(text)) return 'write the condition without {{ }}, e.g. account.tier == "KA"';
  let depth = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) { if (ch === quote) quote = null; continue; }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return 'a ")" has no matching "("';
  }
  if (quote) return `a quote (${quote}) is never closed`;
  if (depth > 0) return 'a "(" is never closed';
  if (/(==|!=|<=|>=|<|>|\band\b|\bor\b|\bcontains\b)\s*$/.test(text.trim())) return 'the condition ends with an operator; add the value to compare with';
  return null;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** One field's problem, or null. */
export function validateField(kind: FieldKind, value: unknown, required: boolean): string | null {
  if (isBlank(value)) return required ? 'required' : null;
  switch (kind) {
    case 'duration':
      if (typeof value !== 'string' || !isIsoDuration(value)) return 'pick an amount and a unit, e.g. 7 days';
      if (value.startsWith('-')) return 'a waiting time cannot be negative';
      return null;
    case 'offset':
      return typeof value === 'string' && isIsoDuration(value) ? null : 'pick an amount, a unit and before/after, e.g. 4 months before';
    case 'condition':
      return typeof value === 'string' ? checkCondition(value) : 'must be text';
    case 'template':
    case 'expression':
      return typeof value === 'string' ? checkLiquidTemplate(value) : 'must be text';
    case 'time':
      return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? null : 'use HH:mm, e.g. 09:30';
    case 'list': {
      if (!Array.isArray(value)) return 'must be a list';
      const items = value.map(String);
      if (items.some((s) => s.trim() === '')) return 'remove the empty entry';
      const dup = items.find((s, i) => items.indexOf(s) !== i);
      return dup !== undefined ? `"${dup}" is listed twice` : null;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    default:
      return null;
  }
}

export const STEP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Problems of one step's form, keyed by field (id, name, and each setting). */
export function validateStep(step: StepDto, info: StepTypeInfo | undefined, otherIds: Iterable<string> = []): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!step.id || !step.id.trim()) errors.id = 'required';
  else if (!STEP_ID.test(step.id)) errors.id = 'use letters, digits, ".", "-" or "_" (no spaces)';
  else if (new Set(otherIds).has(step.id)) errors.id = `another step is already called "${step.id}"`;
  if (!info) return errors;
  const required = new Set(info.settings.required ?? []);
  for (const [name, schema] of Object.entries(info.settings.properties ?? {})) {
    const problem = validateField(fieldKind(name, schema), step[name], required.has(name));
    if (problem) errors[name] = problem;
  }
  if (step.type === 'switch' && Array.isArray(step.cases) && step.cases.includes('default')) errors.cases = '"default" is always an outcome; do not list it';
  return errors;
}

/** Playbook ids as the API accepts them. */
export function validatePlaybookId(id: string): string | null {
  if (!id.trim()) return 'required';
  return /^[a-z0-9._-]+$/.test(id) ? null : 'use lower-case letters, digits, ".", "-" or "_", e.g. novice-start';
}
