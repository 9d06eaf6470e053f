import type { UseQueryResult } from '@tanstack/react-query';
import type { HealthView } from '../../api/account360';
import { Chart } from '../../charts/Chart';
import { healthChartOption, healthSummary, healthTable, indicatorChartOption } from '../../model/account360';
import { indicatorRows } from '../../model/success';
import { QueryState } from './QueryState';

/** Health over time: the score per period over its bands, the five indicators, and the latest period explained. */
export function HealthSection({ accountId, query }: { accountId: string; query: UseQueryResult<HealthView> }) {
  return (
    <section className="card" aria-labelledby="health-h" data-testid="account-health">
      <h2 id="health-h">Health</h2>
      <QueryState query={query}>
        {(health) => health.history.length === 0 ? (
          <p className="empty-state">No health score yet: it is computed from daily usage (<code>POST /api/accounts/{accountId}/usage</code>).</p>
        ) : (
          <>
            <p className="hint">Scored {health.grain}; bands: red {health.bands.red}, yellow {health.bands.yellow}, green {health.bands.green}.</p>
            <div className="chart-grid">
              <Chart id="health" title="Health score per period" option={healthChartOption(health)} summary={healthSummary(health)} table={healthTable(health)} />
              <Chart id="indicators" title="The five indicators" option={indicatorChartOption(health)}
                summary={`Scores of activity, material input, content output, feature coverage and API usage over ${health.history.length} periods.`} />
            </div>
            {health.current && (
              <>
                <h3>Latest period{health.current.periodStart ? `: ${health.current.periodStart} – ${health.current.periodEnd}` : ''}</h3>
                <table className="table" data-testid="health-indicators">
                  <thead><tr><th scope="col">Indicator</th><th scope="col">Weight</th><th scope="col">Value</th><th scope="col">Score</th><th scope="col">Why</th></tr></thead>
                  <tbody>
                    {indicatorRows(health.current.indicators).map((r) => (
                      <tr key={r.name}><th scope="row">{r.name}</th><td>{r.weight}</td><td>{r.value}</td><td>{r.score}</td><td className="muted">{r.explanation}</td></tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
