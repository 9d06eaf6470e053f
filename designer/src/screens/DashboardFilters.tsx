import { useReport, type FilterChoice, type FilterChoices } from '../api/reports';
import { TIERS, type DashboardFilters } from '../model/dashboard';
import { CsmSelect, useCsms } from './CsmSelect';

/** The dashboard's account filters: tier, industry, CSM and tag, each a labelled select ("All …" = no filter). */
export function DashboardFilterBar({ filters, onChange, onClear }: {
  filters: DashboardFilters;
  onChange(change: Partial<DashboardFilters>): void;
  onClear(): void;
}) {
  const csms = useCsms();
  const choices = useReport<FilterChoices>('/api/reports/filters').data;
  const set = (key: keyof DashboardFilters) => (value: string) => onChange({ [key]: value || undefined });
  return (
    <form className="row top dashboard-filters" aria-label="Filters" data-testid="dashboard-filters" onSubmit={(e) => e.preventDefault()}>
      <Choice id="filter-tier" label="Tier" all="All tiers" value={filters.tier} options={TIERS.map((t) => ({ value: t }))} onChange={set('tier')} />
      <Choice id="filter-industry" label="Industry" all="All industries" value={filters.industry} options={choices?.industries ?? []} onChange={set('industry')} />
      <CsmSelect id="filter-csm" label="CSM" value={filters.csmId ?? ''} csms={csms} onChange={set('csmId')} emptyLabel="All CSMs" />
      <Choice id="filter-tag" label="Tag" all="All tags" value={filters.tag} options={choices?.tags ?? []} onChange={set('tag')} />
      <button type="button" className="secondary" onClick={onClear} disabled={Object.values(filters).every((v) => v === undefined)}>Clear filters</button>
    </form>
  );
}

function Choice({ id, label, all, value, options, onChange }: {
  id: string; label: string; all: string; value?: string; options: Partial<FilterChoice>[]; onChange(v: string): void;
}) {
  // A value from a deep link that is not (or no longer) among the choices stays chosen and visible.
  const listed = value === undefined || options.some((o) => o.value === value) ? options : [{ value }, ...options];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {listed.map((o) => <option key={o.value} value={o.value}>{o.accounts === undefined ? o.value : `${o.value} (${o.accounts})`}</option>)}
      </select>
    </div>
  );
}
