import { useState } from 'react';
import { ApiError } from '../api/client';
import type { FormField, TaskItem } from '../api/types';
import { completionResult } from '../model/success';
import { emptyValues, fieldLabel, formResult, resultErrors, type FormValues } from '../model/taskForm';

/**
 * Completing a task: the result form its step declared (choice, text, number, date, boolean), or a note when it has
 * none. The server checks the result; its 400 is shown beside the field it names.
 */
export function TaskResultForm({ task, onComplete, onCancel }: { task: TaskItem; onComplete(result?: Record<string, unknown>): Promise<void>; onCancel(): void }) {
  const form = task.form ?? [];
  const [values, setValues] = useState<FormValues>(() => emptyValues(form));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ byField: Record<string, string>; other: string[] }>({ byField: {}, other: [] });
  const [busy, setBusy] = useState(false);
  const set = (name: string, v: FormValues[string]) => setValues((s) => ({ ...s, [name]: v }));

  const submit = async () => {
    setBusy(true);
    setErrors({ byField: {}, other: [] });
    try {
      await onComplete(form.length > 0 ? formResult(form, values) : completionResult(note));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) setErrors(resultErrors(e.errors));
      else throw e;
    } finally { setBusy(false); }
  };

  const id = (f: FormField) => `f-${task.id}-${f.name}`;
  return (
    <form className="form complete-form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={`Complete ${task.title}`} data-testid="task-form">
      {form.map((f) => {
        const error = errors.byField[f.name];
        const described = error ? `${id(f)}-error` : undefined;
        const common = { id: id(f), 'aria-invalid': error ? true : undefined, 'aria-describedby': described, 'aria-required': f.required || undefined, 'data-testid': `field-${f.name}` };
        const v = values[f.name];
        return (
          <div key={f.name} className={`field${error ? ' has-error' : ''}`}>
            {f.type === 'boolean' ? (
              <label className="checkbox"><input type="checkbox" {...common} checked={v === true} onChange={(e) => set(f.name, e.target.checked)} /> {fieldLabel(f)}{f.required && ' (required)'}</label>
            ) : (
              <label htmlFor={id(f)}>{fieldLabel(f)}{f.required && <span className="required"> (required)</span>}</label>
            )}
            {f.type === 'choice' && f.multiple && (
              <select {...common} multiple value={Array.isArray(v) ? v : []} onChange={(e) => set(f.name, [...e.target.selectedOptions].map((o) => o.value))}>
                {(f.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            )}
            {f.type === 'choice' && !f.multiple && (
              <select {...common} value={typeof v === 'string' ? v : ''} onChange={(e) => set(f.name, e.target.value)}>
                <option value="">— choose —</option>
                {(f.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            )}
            {f.type === 'text' && <textarea {...common} rows={2} value={typeof v === 'string' ? v : ''} onChange={(e) => set(f.name, e.target.value)} />}
            {(f.type === 'number' || f.type === 'date') && (
              <input {...common} type={f.type} value={typeof v === 'string' ? v : ''} onChange={(e) => set(f.name, e.target.value)} />
            )}
            {error && <p id={`${id(f)}-error`} className="error" data-testid={`field-error-${f.name}`}>{error}</p>}
          </div>
        );
      })}
      {form.length === 0 && (
        <div className="field">
          <label htmlFor={`note-${task.id}`}>Note (optional)</label>
          <textarea id={`note-${task.id}`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} autoFocus data-testid="task-note" />
        </div>
      )}
      {errors.other.map((m) => <p key={m} className="error" role="alert">{m}</p>)}
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="task-complete">Mark completed</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
