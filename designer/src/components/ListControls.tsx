/** A labelled select whose empty choice means "no filter". */
export function Choice({ id, label, all, value, options, names, onChange }: {
  id: string; label: string; all: string; value?: string; options: readonly string[]; names?: Record<string, string>; onChange(v: string | undefined): void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid={id}>
        <option value="">{all}</option>
        {options.map((o) => <option key={o} value={o}>{names?.[o] ?? o}</option>)}
      </select>
    </div>
  );
}

/** "51–100 of 1,234" with Previous / Next; `skip` is the first item's offset. */
export function Pager({ skip, shown, total, size, testId, busy, onSkip }: {
  skip: number; shown: number; total: number; size: number; testId: string; busy: boolean; onSkip(skip: number | undefined): void;
}) {
  return (
    <div className="row filters" aria-busy={busy}>
      <span className="muted" data-testid={testId}>{total === 0 ? 'none' : `${Math.min(skip + 1, total)}–${skip + shown} of ${total}`}</span>
      <button type="button" disabled={skip === 0} onClick={() => onSkip(Math.max(0, skip - size) || undefined)}>Previous</button>
      <button type="button" disabled={skip + size >= total} onClick={() => onSkip(skip + size)}>Next</button>
      <button type="button" disabled={skip + size >= total} onClick={() => onSkip(lastPageSkip(total, size))}>Last</button>
    </div>
  );
}

/** Where the last page of `total` rows starts, `page` rows a page. */
export const lastPageSkip = (total: number, page: number) => Math.max(0, Math.floor((total - 1) / page) * page);
