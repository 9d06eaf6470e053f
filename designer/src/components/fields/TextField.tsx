import { useId } from 'react';

/** A labelled text input or text area with its hint and error. */
export function TextField({ label, value, onChange, required, error, hint, multiline, mono, placeholder, readOnly, testId, onBlur }: {
  label: string; value: string; onChange(v: string): void; required?: boolean; error?: string | null; hint?: React.ReactNode;
  multiline?: boolean; mono?: boolean; placeholder?: string; readOnly?: boolean; testId?: string; onBlur?(): void;
}) {
  const id = useId();
  const describedBy = `${id}-hint`;
  const common = {
    id, value, placeholder, readOnly, onBlur,
    'aria-invalid': !!error, 'aria-describedby': describedBy, 'data-testid': testId,
    className: mono ? 'mono' : undefined,
  };
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}{required && <span className="req" aria-hidden> *</span>}</label>
      {multiline
        ? <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} />
        : <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />}
      <div id={describedBy}>
        {error && <p className="error" role="alert">{error}</p>}
        {hint && <p className="hint">{hint}</p>}
      </div>
    </div>
  );
}
