import type { ReactNode } from 'react';
import { reportError, useReport } from '../api/reports';
import { Chart } from '../charts/Chart';
import type { ChartData } from '../model/dashboard';

/**
 * One report of the dashboard: fetched (its path carries the filters), shaped into a chart with its CSV table, or the
 * loading, error or empty state under the same title. `after` adds what the chart alone cannot say (e.g. who is overloaded).
 */
export function DashboardPanel<T, D extends ChartData>({ id, title, path, shape, empty, after }: {
  id: string;
  title: string;
  path: string | null;
  shape(report: T): D | null;
  /** What to do when there is nothing to draw. */
  empty: ReactNode;
  after?(data: D): ReactNode;
}) {
  const report = useReport<T>(path);
  const data = report.data === undefined ? null : shape(report.data);
  if (report.data !== undefined && data) {
    return <div className="dashboard-panel"><Chart id={id} title={title} option={data.option} summary={data.summary} table={data.table} />{after?.(data)}</div>;
  }
  return (
    <section className="chart dashboard-panel" aria-labelledby={`panel-${id}-title`} data-testid={`panel-${id}`} aria-busy={report.isLoading || undefined}>
      <h3 id={`panel-${id}-title`}>{title}</h3>
      {path === null || report.data !== undefined ? <div className="empty-state" data-testid={`empty-${id}`}>{empty}</div>
        : report.error ? <p className="error-box" role="alert">{reportError(report.error)}</p>
        : <p>Loading…</p>}
    </section>
  );
}
