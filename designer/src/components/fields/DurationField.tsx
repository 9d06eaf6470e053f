import { useEffect, useId, useState } from 'react';
import { DURATION_UNITS, humanize, parseHuman, toIso, toSimple, type DurationUnit } from '../../model/duration';

/**
 * "7 days" picker that writes ISO-8601 (P7D). With `allowBefore`, also "4 months before" (-P4M).
 * Composite durations (P1Y2M) switch the picker to a text box that accepts "1 year 2 months"-free ISO or "7 days".
 */
export function DurationField({ label, value, onChange, allowBefore, required, error, describedBy, testId }: {
  label: string; value: string | undefined; onChange(v: string | undefined): void; allowBefore?: boolean; required?: boolean;
  error?: string | null; describedBy?: string; testId?: string;
}) {
  const id = useId();
  const simple = value ? toSimple(value) : null;
  const [text, setText] = useState(value ?? '');
  const [textMode, setTextMode] = useState(!!value && !simple);
  useEffect(() => { setText(value ? (toSimple(value) ? humanize(value) : value) : ''); }, [value]);

  const amount = simple?.amount ?? '';
  const unit: DurationUnit = simple?.unit ?? 'days';
  const negative = simple?.negative ?? false;
  const set = (a: number | '', u: DurationUnit, neg: boolean) => onChange(a === '' ? undefined : toIso({ amount: a, unit: u, negative: neg }));

  return (
    <fieldset className={`field duration${error ? ' has-error' : ''}`} data-testid={testId}>
      <legend>{label}{required && <span className="req" aria-hidden> *</span>}</legend>
      {!textMode ? (
        <div className="row">
          <input
            id={`${id}-amount`} type="number" min={0} step={1} inputMode="numeric" aria-label={`${label}: amount`}
            value={amount} aria-invalid={!!error} aria-describedby={describedBy}
            onChange={(e) => set(e.target.value === '' ? '' : Math.max(0, Math.trunc(Number(e.target.value))), unit, negative)}
          />
          <select aria-label={`${label}: unit`} value={unit} onChange={(e) => set(amount === '' ? 1 : amount, e.target.value as DurationUnit, negative)}>
            {DURATION_UNITS.map((u) => <option key={u} value={u}>{u}</option>)}
          </select>
          {allowBefore && (
            <select aria-label={`${label}: before or after`} value={negative ? 'before' : 'after'} onChange={(e) => set(amount === '' ? 1 : amount, unit, e.target.value === 'before')}>
              <option value="after">after</option>
              <option value="before">before</option>
            </select>
          )}
          {value && <button type="button" className="link" onClick={() => onChange(undefined)} aria-label={`Clear ${label}`}>clear</button>}
        </div>
      ) : (
        <div className="row">
          <input
            type="text" aria-label={`${label} (e.g. 7 days or P1Y2M)`} value={text} aria-invalid={!!error} aria-describedby={describedBy}
            onChange={(e) => setText(e.target.value)}
            onBlur={() => { const iso = parseHuman(text); onChange(iso ?? (text.trim() || undefined)); }}
          />
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="hint">
        {value ? <>Stored as <code>{value}</code>{simple ? '' : ` (${humanize(value)})`}. </> : null}
        <button type="button" className="link" onClick={() => setTextMode(!textMode)}>{textMode ? 'use the picker' : 'type it instead'}</button>
      </div>
    </fieldset>
  );
}
