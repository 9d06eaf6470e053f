import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import { reportError, useReport, type CsmLoadReport, type HealthReport } from '../api/reports';
import type { PlaybookSummary } from '../api/types';
import {
  atRiskTrend, csmLoad, npsTrend, expansionByMonth, filtersOf, hasFilters, healthByTier, healthTrend, holdoutComparison, playbookFunnel,
  reasonsByPeriod, reportPath, type DashboardFilters, type DashboardState,
} from '../model/dashboard';
import { getRouteApi } from '@tanstack/react-router';
import { dashboardSearch } from '../routes/search';
import { DashboardFilterBar } from './DashboardFilters';
import { DashboardPanel } from './DashboardPanel';

const WEEKS = 12;

/** The CS lead's scorecard (issue 10 §4): every report of /api/reports as a chart, all narrowed by the filters in the address. */
const route = getRouteApi('/dashboard');

export function Dashboard() {
  const state = route.useSearch();
  const navigate = route.useNavigate();
  const filters = filtersOf(state);
  // Normalised (the keys in their order, empty ones dropped), so the address of a dashboard is always written the same way.
  const go = (next: DashboardState) => navigate({ search: dashboardSearch({ ...next }), replace: true });
  const health = useReport<HealthReport>(reportPath('health', filters));
  const filtered = hasFilters(state);
  return (
    <main className="screen dashboard">
      <h1>Dashboard</h1>
      <DashboardFilterBar filters={filters} onChange={(change) => go({ ...state, ...change })} onClear={() => go({ playbook: state.playbook })} />
      {health.error && <p className="error-box" role="alert">{reportError(health.error)}</p>}
      {health.isLoading && <p aria-busy="true">Loading…</p>}
      {health.data?.total === 0 && (
        <div className="empty-state" data-testid="dashboard-empty">
          {filtered
            ? <p><strong>No accounts match these filters.</strong> Choose another tier, industry, CSM or tag, or <button type="button" className="link" onClick={() => go({ playbook: state.playbook })}>clear the filters</button>.</p>
            : <p><strong>No accounts yet.</strong> Accounts come from your integrations (<code>PUT /api/accounts/&#123;id&#125;</code> or the bulk import); the charts fill as they arrive.</p>}
        </div>
      )}
      {health.data && health.data.total > 0 && <Charts filters={filters} playbook={state.playbook} onPlaybook={(playbook) => go({ ...state, playbook })} />}
    </main>
  );
}

function Charts({ filters, playbook, onPlaybook }: { filters: DashboardFilters; playbook?: string; onPlaybook(id: string): void }) {
  return (
    <>
      <h2>Health</h2>
      <div className="chart-grid">
        <DashboardPanel id="health" title="Health by tier" path={reportPath('health', filters)} shape={healthByTier}
          empty="No account matches these filters." />
        <DashboardPanel id="health-trend" title="Health over time" path={reportPath('health/trend', filters, { periods: 12 })} shape={healthTrend}
          empty="No health recorded yet: health is scored from usage (POST /api/accounts/{id}/usage)." />
        <DashboardPanel id="at-risk" title={`Accounts at risk per week (last ${WEEKS})`} path={reportPath('at-risk', filters, { weeks: WEEKS })} shape={atRiskTrend}
          empty={`No account was at risk in the last ${WEEKS} weeks.`} />
      </div>
      <h2>Satisfaction</h2>
      <div className="chart-grid">
        <DashboardPanel id="nps" title="NPS per month, all and per tier" path={reportPath('nps', filters, { months: 12 })} shape={npsTrend}
          empty="No NPS answer yet: a playbook asks with a sendSurvey step (kind nps); see docs/surveys.md." />
      </div>
      <h2>Renewals and expansion</h2>
      <div className="chart-grid">
        <DashboardPanel id="reasons" title="Renewal, non-renewal and churn reasons per quarter" path={reportPath('reasons', filters, { by: 'quarter' })}
          shape={reasonsByPeriod}
          empty="No reason recorded yet: playbooks record them (recordReason step, or a renewal task's form)." />
        <DashboardPanel id="expansion" title="Expansion opportunities handed to sales" path={reportPath('expansion', filters)} shape={expansionByMonth}
          empty="No opportunity handed to sales yet: a playbook hands one over by setting an expansion.* field (setField expansion.upsell)." />
      </div>
      <h2>Team</h2>
      <div className="chart-grid">
        <DashboardPanel id="csm-load" title="CSM load vs capacity" path={reportPath('csm-load', filters)} shape={(r: CsmLoadReport) => csmLoad(r, filters.csmId)}
          empty="No CSM yet: add CSMs with their capacity (PUT /api/csms/{id})."
          after={(d) => (
            <p data-testid="overloaded" className={d.overloaded.length ? 'overloaded' : 'muted'}>
              {d.overloaded.length === 0 ? 'No CSM is over capacity.' : <>Over capacity: {d.overloaded.map((c) => (
                <span key={c.csmId} className="badge badge-error">{c.name}: {c.load} of {c.capacity}</span>
              ))}</>}
            </p>
          )} />
      </div>
      <PlaybookCharts filters={filters} playbook={playbook} onPlaybook={onPlaybook} />
    </>
  );
}

/** The per-playbook funnel and holdout comparison, for the playbook picked (the first one until someone picks). */
function PlaybookCharts({ filters, playbook, onPlaybook }: { filters: DashboardFilters; playbook?: string; onPlaybook(id: string): void }) {
  const playbooks = useQuery({ queryKey: ['playbooks'], queryFn: () => get<PlaybookSummary[]>('/api/playbooks') });
  const published = (playbooks.data ?? []).filter((p) => p.latestVersion > 0);
  const chosen = playbook ?? published[0]?.id;
  const id = chosen ? encodeURIComponent(chosen) : null;
  const none = published.length === 0 ? 'No published playbook yet: publish one under Playbooks.' : 'Pick a playbook.';
  return (
    <>
      <div className="row top">
        <h2>Playbooks</h2>
        <div className="field">
          <label htmlFor="dashboard-playbook">Playbook</label>
          <select id="dashboard-playbook" value={chosen ?? ''} onChange={(e) => onPlaybook(e.target.value)} disabled={published.length === 0}>
            {chosen && !published.some((p) => p.id === chosen) && <option value={chosen}>{chosen}</option>}
            {published.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.id})</option>)}
          </select>
        </div>
      </div>
      {playbooks.error && <p className="error-box" role="alert">{reportError(playbooks.error)}</p>}
      <div className="chart-grid">
        <DashboardPanel id="funnel" title="Playbook funnel: instances that reached each step" path={id && reportPath(`playbooks/${id}/funnel`, filters)}
          shape={playbookFunnel} empty={chosen ? 'No account of these filters entered this playbook yet.' : none} />
        <DashboardPanel id="holdout" title="Holdout vs treated" path={id && reportPath(`playbooks/${id}/holdout`, filters)}
          shape={holdoutComparison}
          empty={chosen ? 'No account of these filters enrolled in this playbook yet (a holdout needs enrolment.holdoutPercent).' : none} />
      </div>
    </>
  );
}
