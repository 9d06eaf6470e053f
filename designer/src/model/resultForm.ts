import type { FormField } from '../api/types';

export const FIELD_TYPES: FormField['type'][] = ['choice', 'text', 'number', 'date', 'boolean'];

/** The form as the step holds it: only entries that are objects (anything else is left for the server to name). */
export function formFieldsOf(value: unknown): FormField[] {
  return Array.isArray(value) ? value.filter((f): f is FormField => !!f && typeof f === 'object' && !Array.isArray(f)) : [];
}

/** A new field with a name the form does not use yet (field1, field2 …). */
export function newField(form: FormField[]): FormField {
  const names = new Set(form.map((f) => f.name));
  let i = form.length + 1;
  while (names.has(`field${i}`)) i++;
  return { name: `field${i}`, type: 'text' };
}

/**
 * One field changed. Empty optional settings are left out of the saved JSON; options and multiple belong to choice
 * fields only, so changing the type away from choice drops them.
 */
export function changeField(form: FormField[], index: number, patch: Partial<FormField>): FormField[] {
  return form.map((f, i) => {
    if (i !== index) return f;
    const next: Record<string, unknown> = { ...f, ...patch };
    if (next.type !== 'choice') { delete next.options; delete next.multiple; }
    for (const key of ['label', 'required', 'multiple'] as const) if (next[key] === '' || next[key] === false || next[key] === undefined) delete next[key];
    return next as unknown as FormField;
  });
}

/** The server's problems for one field of the form (`form[2].options` → field 2). */
export function problemsOfField(problems: { field?: string | null; message: string }[], index: number): string[] {
  return problems.filter((p) => p.field?.startsWith(`form[${index}]`)).map((p) => `${p.field!.slice(`form[${index}]`.length).replace(/^\./, '') || 'field'}: ${p.message}`);
}
