import type { UseQueryResult } from '@tanstack/react-query';
import type { UsageSeries } from '../../api/account360';
import { Chart } from '../../charts/Chart';
import { usageChartOption, usageSummary, usageTable } from '../../model/account360';
import { QueryState } from './QueryState';

/** Daily product usage (the last 90 days on record). */
export function UsageSection({ query }: { query: UseQueryResult<UsageSeries> }) {
  return (
    <section className="card" aria-labelledby="usage-h">
      <h2 id="usage-h">Usage</h2>
      <QueryState query={query}>
        {(usage) => usage.days.length === 0 ? <p className="muted">No usage recorded yet.</p> : (
          <Chart id="usage" title={`Daily usage, ${usage.from} – ${usage.to}`} option={usageChartOption(usage.days)} summary={usageSummary(usage.days)} table={usageTable(usage.days)} />
        )}
      </QueryState>
    </section>
  );
}
