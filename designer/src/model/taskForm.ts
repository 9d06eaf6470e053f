import type { FormField } from '../api/types';

/** What a form's inputs hold: text for text/number/date/choice, a list for multiple choice, a flag for boolean. */
export type FormValues = Record<string, string | string[] | boolean>;

export const fieldLabel = (f: FormField) => f.label || f.name;

/** Empty inputs for a form: booleans unchecked (false is an answer), the rest empty. */
export function emptyValues(form: FormField[]): FormValues {
  return Object.fromEntries(form.map((f) => [f.name, f.type === 'boolean' ? false : f.type === 'choice' && f.multiple ? [] : '']));
}

/**
 * The result sent to POST /api/tasks/{id}/complete: numbers as numbers, an empty field left out (so the server names
 * a missing required one), text that is not a number sent as it is (the server names it as the wrong type).
 */
export function formResult(form: FormField[], values: FormValues): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const f of form) {
    const v = values[f.name];
    if (f.type === 'boolean') { result[f.name] = v === true; continue; }
    if (Array.isArray(v)) { if (v.length > 0) result[f.name] = v; continue; }
    if (typeof v !== 'string' || v.trim() === '') continue;
    if (f.type === 'number') { const n = Number(v); result[f.name] = Number.isFinite(n) ? n : v; continue; }
    result[f.name] = f.type === 'text' ? v : v.trim();
  }
  return result;
}

/** The server's 400 errors keyed `result.NAME` (or another prefix, e.g. `criteria[2].`) → the message per field name; anything else apart. */
export function resultErrors(errors: Record<string, string[]>, prefix = 'result.'): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    if (key.startsWith(prefix) && key.length > prefix.length) byField[key.slice(prefix.length)] = messages[0]; else other.push(...messages);
  }
  return { byField, other };
}
