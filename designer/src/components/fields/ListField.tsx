import { useState } from 'react';

/** A list of short texts (e.g. switch cases): each entry is editable, removable, and a new one can be added. */
export function ListField({ label, value, onChange, required, error }: {
  label: string; value: string[]; onChange(v: string[]): void; required?: boolean; error?: string | null;
}) {
  const [draft, setDraft] = useState('');
  const add = () => { if (draft.trim()) { onChange([...value, draft.trim()]); setDraft(''); } };
  return (
    <fieldset className={`field list${error ? ' has-error' : ''}`}>
      <legend>{label}{required && <span className="req" aria-hidden> *</span>}</legend>
      {value.length === 0 && <p className="hint">No entries yet.</p>}
      <ul>
        {value.map((item, i) => (
          <li key={i} className="row">
            <input aria-label={`${label} ${i + 1}`} value={item} onChange={(e) => onChange(value.map((v, j) => (j === i ? e.target.value : v)))} />
            <button type="button" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={`Remove ${label} ${i + 1}`}>✕</button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input aria-label={`New ${label}`} placeholder="add…" value={draft} onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
        <button type="button" onClick={add} disabled={!draft.trim()}>Add</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </fieldset>
  );
}
