import { useGet } from '../hooks/useApi';

export interface Csm { id: string; name: string }

/** The CSMs (GET /api/csms), when `wanted`; empty when they cannot be read. */
export function useCsms(wanted = true): Csm[] {
  return useGet<Csm[]>(wanted ? '/api/csms' : null).data ?? NONE;
}
const NONE: Csm[] = [];

/** A labelled choice of CSM, with the server's error for it (`errors.csmId`). */
export function CsmSelect({ id, label, value, csms, onChange, error, emptyLabel = '— choose the CSM —' }: {
  id: string; label: string; value: string; csms: Csm[]; onChange(v: string): void; error?: string;
  /** The empty choice's text (a filter's "All CSMs"). */
  emptyLabel?: string;
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">{emptyLabel}</option>
        {csms.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.id})</option>)}
      </select>
      {csms.length === 0 && <p className="hint">No CSM exists yet: add CSMs (PUT /api/csms/{'{id}'}) first.</p>}
      {error && <p id={`${id}-error`} className="error">{error}</p>}
    </div>
  );
}
