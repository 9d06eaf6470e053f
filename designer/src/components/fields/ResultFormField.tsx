import type { DefinitionProblem, FormField } from '../../api/types';
import { changeField, FIELD_TYPES, formFieldsOf, newField, problemsOfField } from '../../model/resultForm';
import { ListField } from './ListField';

/** The result a createTask asks for: one row per field (name, type, label, required; options for a choice). */
export function ResultFormField({ value, onChange, problems }: { value: unknown; onChange(v: FormField[] | undefined): void; problems: DefinitionProblem[] }) {
  const form = formFieldsOf(value);
  const set = (next: FormField[]) => onChange(next.length ? next : undefined);
  return (
    <fieldset className="field result-form" data-testid="prop-form">
      <legend>Result form</legend>
      <p className="hint">What the person completing the task is asked; playbooks read the answers as event.data.result.NAME.</p>
      {form.length === 0 && <p className="hint">No fields: the task is completed with an optional note.</p>}
      {form.map((f, i) => {
        const id = `form-${i}`;
        const errors = problemsOfField(problems, i);
        return (
          <fieldset key={i} className="form-field-row" aria-label={`Field ${i + 1}`}>
            <legend className="sr-only">Field {i + 1}</legend>
            <div className="row">
              <label htmlFor={`${id}-name`}>Name</label>
              <input id={`${id}-name`} value={f.name} onChange={(e) => set(changeField(form, i, { name: e.target.value }))} className="mono" />
              <label htmlFor={`${id}-type`}>Type</label>
              <select id={`${id}-type`} value={f.type} onChange={(e) => set(changeField(form, i, { type: e.target.value as FormField['type'] }))}>
                {FIELD_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
              </select>
              <button type="button" onClick={() => set(form.filter((_, j) => j !== i))} aria-label={`Remove field ${f.name || i + 1}`}>✕</button>
            </div>
            <div className="row">
              <label htmlFor={`${id}-label`}>Label</label>
              <input id={`${id}-label`} value={f.label ?? ''} onChange={(e) => set(changeField(form, i, { label: e.target.value }))} />
              <label><input type="checkbox" checked={!!f.required} onChange={(e) => set(changeField(form, i, { required: e.target.checked }))} /> required</label>
            </div>
            {f.type === 'choice' && (
              <>
                <ListField label={`Options of ${f.name}`} value={f.options ?? []} onChange={(v) => set(changeField(form, i, { options: v }))} required />
                <label><input type="checkbox" checked={!!f.multiple} onChange={(e) => set(changeField(form, i, { multiple: e.target.checked }))} /> several may be chosen</label>
              </>
            )}
            {errors.map((m) => <p key={m} className="error" role="alert">{m}</p>)}
          </fieldset>
        );
      })}
      <button type="button" onClick={() => set([...form, newField(form)])}>Add field</button>
    </fieldset>
  );
}
