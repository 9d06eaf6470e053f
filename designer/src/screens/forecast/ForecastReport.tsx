import type { ForecastResult } from '../../api/forecast';
import { Chart, type EChartsOption } from '../../charts/Chart';
import { csmLoad, csmLoadTable, emailSeries, emailsByTemplate, emailTable, taskSeries, taskTable } from '../../model/forecastCharts';
import { forecastSummary, signed, weekRanges } from '../../model/forecastSummary';

const count = new Intl.NumberFormat('en-US');
// Draft in blues, published in greys: the stacks differ by more than hue, and every series is named in the legend.
const DRAFT = ['#1f5fbf', '#7aa7e6', '#0b2e66'];
const PUBLISHED = ['#5f6b7a', '#aab4c0', '#2b323b'];

function weeklyOption(weeks: string[], series: EChartsOption['series'], colours: string[]): EChartsOption {
  return {
    color: colours, tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { top: 40, left: 40, right: 16, bottom: 30 },
    xAxis: { type: 'category', data: weeks }, yAxis: { type: 'value', minInterval: 1 }, series,
  };
}

/** A completed forecast: the one-line summary, and per week emails, tasks and CSM load as charts with their data as CSV. */
export function ForecastReport({ result, csmNames }: { result: ForecastResult; csmNames: Record<string, string> }) {
  const weeks = result.weekly.map((w) => `W${w.week}`);
  const emails = emailSeries(result);
  const tasks = taskSeries(result);
  const load = csmLoad(result, csmNames);
  const { candidate, published, difference } = result.totals;
  const draftTaskColours = tasks.filter((t) => t.stack === 'Draft').map((_, i) => DRAFT[i % DRAFT.length]);
  const publishedTaskColours = tasks.filter((t) => t.stack === 'Published').map((_, i) => PUBLISHED[i % PUBLISHED.length]);

  return (
    <section className="forecast-report" aria-label="Forecast result" data-testid="forecast-report">
      <p className="forecast-summary" role="status" data-testid="forecast-summary"><strong>{forecastSummary(result)}</strong></p>
      <p className="hint">
        {count.format(result.accounts)} accounts, {result.weeks} weeks from {result.start.slice(0, 10)}, every published playbook with this one's draft
        in place of its published version. Emails count after governance (quiet hours, the frequency cap, consent).
      </p>
      <dl className="facts forecast-totals" data-testid="forecast-totals">
        <dt>Emails sent</dt><dd>{count.format(candidate.emailsSent)} with the draft, {count.format(published.emailsSent)} published ({signed(difference.emailsSent)})</dd>
        <dt>Deferred / suppressed</dt><dd>{signed(difference.emailsDeferred)} deferred, {signed(difference.emailsSuppressed)} suppressed</dd>
        <dt>Tasks</dt><dd>{count.format(candidate.tasks)} with the draft, {count.format(published.tasks)} published ({signed(difference.tasks)})</dd>
        <dt>Enrolments</dt><dd>{signed(difference.enrolments)}</dd>
      </dl>
      <div className="chart-grid">
        <Chart id="forecast-emails" title="Emails per week: draft vs published" table={emailTable(result)}
          summary={`Emails sent per week with the draft and with the published version; ${signed(difference.emailsSent)} sent in ${result.weeks} weeks.`}
          option={weeklyOption(weeks, emails.map((s) => ({ type: 'bar', name: s.name, stack: s.stack, data: s.values })), [...DRAFT, ...PUBLISHED])} />
        <Chart id="forecast-tasks" title="Tasks per week by role: draft vs published" table={taskTable(result)}
          summary={`Tasks created per week by assignee role; ${signed(difference.tasks)} tasks in ${result.weeks} weeks with the draft.`}
          option={weeklyOption(weeks, tasks.map((s) => ({ type: 'bar', name: s.name, stack: s.stack, data: s.values })), [...draftTaskColours, ...publishedTaskColours])} />
        <Chart id="forecast-load" title={`CSM load with the draft vs capacity (${result.taskCapacityPerWeek} ${result.taskCapacityPerWeek === 1 ? 'task' : 'tasks'} a week)`} table={csmLoadTable(result, csmNames)}
          summary={result.overloaded.length ? `Over capacity: ${result.overloaded.map((o) => `${o.name} in ${weekRanges(o.weeks)}`).join('; ')}.` : 'No CSM is over capacity in any week.'}
          option={{
            ...weeklyOption(weeks, [
              ...load.map((c) => ({ type: 'line' as const, name: c.name, data: c.values, symbolSize: 6 })),
              { type: 'line' as const, name: 'Capacity', data: weeks.map(() => result.taskCapacityPerWeek), lineStyle: { type: 'dashed' as const }, symbol: 'none', color: '#b3261e' },
            ], ['#1f5fbf', '#1e7a3c', '#8a4b00', '#6a3fb5', '#00707a', '#a01f6a']),
          }} />
      </div>
      <div className="forecast-tables">
        <table className="table" data-testid="forecast-templates">
          <caption>Emails by template in {result.weeks} weeks</caption>
          <thead><tr><th scope="col">Template</th><th scope="col">Sent (draft)</th><th scope="col">Sent (published)</th><th scope="col">Difference</th><th scope="col">Deferred (draft)</th><th scope="col">Suppressed (draft)</th></tr></thead>
          <tbody>
            {emailsByTemplate(result).map((t) => (
              <tr key={t.template} data-template={t.template}>
                <th scope="row"><code>{t.template || '(none)'}</code></th>
                <td>{count.format(t.draft.sent)}</td><td>{count.format(t.published.sent)}</td><td>{signed(t.draft.sent - t.published.sent)}</td>
                <td>{count.format(t.draft.deferred)}</td><td>{count.format(t.draft.suppressed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <h3>CSMs over capacity</h3>
          {result.overloaded.length === 0 ? <p data-testid="forecast-overloaded">None: no CSM gets more than {result.taskCapacityPerWeek} tasks in a week.</p> : (
            <ul className="plain-list" data-testid="forecast-overloaded">
              {result.overloaded.map((o) => <li key={o.csmId}><strong>{o.name}</strong> over capacity in {weekRanges(o.weeks)} (at most {o.peak} tasks in a week)</li>)}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
