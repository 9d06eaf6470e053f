import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useSaveSuccessCriteria, type SuccessCriterion } from '../../api/account360';
import { StaleCriteria } from './StaleCriteria';
import { useToast } from '../../components/Toast';
import { criteriaWithEdit, criteriaWithout, criterionForm, type CriterionForm } from '../../model/account360';
import { resultErrors } from '../../model/taskForm';

const FIELDS: { name: keyof CriterionForm; label: string; type: 'text' | 'number' | 'date'; required?: boolean; hint?: string }[] = [
  { name: 'metric', label: 'Metric', type: 'text', required: true, hint: 'what the customer measures, e.g. bookings per week' },
  { name: 'unit', label: 'Unit', type: 'text' },
  { name: 'baseline', label: 'Baseline', type: 'number', required: true, hint: 'where the customer started' },
  { name: 'current', label: 'Current', type: 'number' },
  { name: 'target', label: 'Target', type: 'number', required: true, hint: 'the agreed goal' },
  { name: 'due', label: 'Due', type: 'date' },
  { name: 'agreedBy', label: 'Agreed by', type: 'text', hint: "the customer's decision-maker" },
  { name: 'agreedAt', label: 'Agreed on', type: 'date' },
  { name: 'note', label: 'Note', type: 'text' },
];

/**
 * Edits one criterion (index = criteria.length adds one) and saves the whole list; the server's 400 names the field
 * (`criteria[i].target`), shown under that input. Nothing is checked here that the server does not check.
 */
export function CriterionEditor({ accountId, criteria, index, onDone }: {
  accountId: string; criteria: SuccessCriterion[]; index: number; onDone: () => void;
}) {
  const [form, setForm] = useState<CriterionForm>(() => criterionForm(criteria[index]));
  const save = useSaveSuccessCriteria(accountId);
  const toast = useToast((s) => s.show);
  const adding = index >= criteria.length;
  const failure = save.error instanceof ApiError ? save.error : null;
  const errors = failure?.status === 400 ? resultErrors(failure.errors, `criteria[${index}].`) : { byField: {} as Record<string, string>, other: [] as string[] };
  const stale = failure?.status === 409;
  const other = stale ? [] : failure && failure.status !== 400 ? [failure.advice] : save.error && !failure ? [String(save.error)] : errors.other;
  const done = (message: string) => { toast(message); onDone(); };
  const id = (name: string) => `criterion-${index}-${name}`;

  return (
    <form className="form criterion-form" noValidate aria-label={adding ? 'New success criterion' : `Edit ${criteria[index].metric ?? 'criterion'}`} data-testid="criterion-form"
      onSubmit={(e) => { e.preventDefault(); save.mutate(criteriaWithEdit(criteria, index, form), { onSuccess: () => done(`Saved: ${form.metric}`) }); }}
      onKeyDown={(e) => { if (e.key === 'Escape') onDone(); }}>
      <div className="criterion-fields">
        {FIELDS.map((f, k) => {
          const error = errors.byField[f.name];
          const describedBy = [f.hint ? `${id(f.name)}-hint` : '', error ? `${id(f.name)}-error` : ''].filter(Boolean).join(' ') || undefined;
          return (
            <div key={f.name} className={`field${error ? ' has-error' : ''}`}>
              <label htmlFor={id(f.name)}>{f.label}{f.required && <span className="required"> (required)</span>}</label>
              <input id={id(f.name)} type={f.type === 'number' ? 'text' : f.type} inputMode={f.type === 'number' ? 'decimal' : undefined}
                value={form[f.name]} onChange={(e) => setForm({ ...form, [f.name]: e.target.value })} autoFocus={k === 0}
                aria-invalid={error ? true : undefined} aria-required={f.required || undefined} aria-describedby={describedBy} data-testid={`criterion-${f.name}`} />
              {f.hint && <p id={`${id(f.name)}-hint`} className="hint">{f.hint}</p>}
              {error && <p id={`${id(f.name)}-error`} className="error" data-testid={`criterion-error-${f.name}`}>{error}</p>}
            </div>
          );
        })}
      </div>
      {other.map((m) => <p key={m} className="error" role="alert">{m}</p>)}
      {stale && <StaleCriteria accountId={accountId} onReloaded={onDone} />}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending} data-testid="criterion-save">Save criterion</button>
        <button type="button" onClick={onDone}>Cancel</button>
        <span className="grow" />
        {!adding && (
          <button type="button" className="danger" disabled={save.isPending} data-testid="criterion-remove"
            onClick={() => save.mutate(criteriaWithout(criteria, index), { onSuccess: () => done(`Removed: ${criteria[index].metric ?? 'criterion'}`) })}>
            Remove criterion
          </button>
        )}
      </div>
    </form>
  );
}
