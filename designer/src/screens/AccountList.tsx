import { getRouteApi, Link } from '@tanstack/react-router';
import { reportError as adviceOf } from '../api/reports';
import type { Account, Page } from '../api/types';
import { Choice, Pager } from '../components/ListControls';
import { useGet } from '../hooks/useApi';
import { useSearchDraft } from '../hooks/useSearchDraft';
import { bandClass } from '../model/success';
import { ACCOUNT_SORTS, apiQuery, HEALTH_BANDS, STAGES, type AccountsSearch } from '../routes/search';
import { TIERS } from '../model/dashboard';
import { useReport, type FilterChoices } from '../api/reports';
import { CsmSelect, useCsms } from './CsmSelect';

const PAGE = 50;
const route = getRouteApi('/accounts');
const SORT_NAMES: Record<(typeof ACCOUNT_SORTS)[number], string> = {
  name: 'Name A–Z', '-name': 'Name Z–A', healthScore: 'Health, lowest first', '-healthScore': 'Health, highest first',
  contractEnd: 'Contract end, soonest first', '-contractEnd': 'Contract end, latest first', '-updatedAt': 'Recently changed',
};

/**
 * Accounts, searched, filtered, sorted and paged by the server. Everything shown is in the address
 * (#/accounts?q=acme&tier=KA&healthBand=red&sort=-healthScore&skip=50): reload, back and a shared link show the same list.
 */
export function AccountList() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const skip = search.skip ?? 0;
  const set = (change: Partial<AccountsSearch>, replace = false) =>
    navigate({ search: (prev) => ({ ...prev, skip: undefined, ...change }), replace });
  const { q, tier, stage, industry, csmId, healthBand } = search;
  const page = useGet<Page<Account>>(`/api/accounts?${apiQuery({ q, tier, stage, industry, csmId, healthBand, sort: search.sort ?? 'name', skip, take: PAGE })}`);
  const csms = useCsms();
  const industries = (useReport<FilterChoices>('/api/reports/filters').data?.industries ?? []).map((c) => c.value);
  // Typing replaces the address's entry: one per search, not one per key.
  const [draft, setDraft] = useSearchDraft(search.q, (q) => set({ q }, true));

  const data = page.data;
  const filtered = !!(q || tier || stage || industry || csmId || healthBand);
  return (
    <main className="screen list">
      <h1>Accounts</h1>
      {page.error && <p className="error-box" role="alert">{adviceOf(page.error)}</p>}
      {page.isPending && <p aria-busy="true">Loading…</p>}
      {data && data.total === 0 && !filtered && (
        <div className="empty-state"><p><strong>No accounts yet.</strong> Accounts come from your integrations: <code>PUT /api/accounts/&#123;id&#125;</code> with a key that may ingest.</p></div>
      )}
      {data && (data.total > 0 || filtered) && (
        <>
          <form className="row top filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor="account-filter">Find</label>
              <input id="account-filter" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="name or id" data-testid="account-filter" />
            </div>
            <Choice id="account-tier" label="Tier" all="All tiers" value={search.tier} options={TIERS} onChange={(tier) => set({ tier })} />
            <Choice id="account-stage" label="Stage" all="All stages" value={stage} options={STAGES} onChange={(v) => set({ stage: v as AccountsSearch['stage'] })} />
            <Choice id="account-industry" label="Industry" all="All industries" value={industry} options={industry && !industries.includes(industry) ? [industry, ...industries] : industries} onChange={(v) => set({ industry: v })} />
            <CsmSelect id="account-csm" label="CSM" value={csmId ?? ''} csms={csms} onChange={(v) => set({ csmId: v || undefined })} emptyLabel="All CSMs" />
            <Choice id="account-band" label="Health" all="Any health" value={search.healthBand} options={HEALTH_BANDS} onChange={(b) => set({ healthBand: b as AccountsSearch['healthBand'] })} />
            <Choice id="account-sort" label="Sort" all={SORT_NAMES.name} value={search.sort === 'name' ? undefined : search.sort}
              options={ACCOUNT_SORTS.filter((s) => s !== 'name')} names={SORT_NAMES} onChange={(s) => set({ sort: s as AccountsSearch['sort'] })} />
          </form>
          <Pager skip={skip} shown={data.items.length} total={data.total} size={PAGE} testId="account-count" busy={page.isPlaceholderData} onSkip={(s) => set({ skip: s })} />
          {data.total === 0
            ? <p className="empty-state" data-testid="accounts-none">No account matches these filters. <Link to="/accounts">Show all accounts</Link></p>
            : (
              <table className="table" data-testid="account-table">
                <thead><tr><th scope="col">Name</th><th scope="col">Tier</th><th scope="col">Stage</th><th scope="col">Health</th><th scope="col">CSM</th></tr></thead>
                <tbody>
                  {data.items.map((a) => (
                    <tr key={a.id}>
                      <td><Link to="/accounts/$id" params={{ id: a.id }}>{a.name}</Link> <code className="muted">{a.id}</code></td>
                      <td>{a.tier ?? <span className="muted">—</span>}</td>
                      <td>{a.stage ?? <span className="muted">—</span>}</td>
                      <td>{a.health ? <span className={`badge ${bandClass(a.health.band)}`}>{a.health.band} {a.health.score}</span> : <span className="muted">no usage yet</span>}</td>
                      <td>{a.csm?.name ?? a.csmId ?? <span className="muted">unassigned</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
        </>
      )}
    </main>
  );
}
