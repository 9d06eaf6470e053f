import { describe, expect, it } from 'vitest';
import type { ForecastCounts, ForecastResult } from '../src/api/forecast';
import { csmLoad, csmLoadTable, emailSeries, emailsByTemplate, emailTable, taskSeries } from '../src/model/forecastCharts';

const counts = (over: Partial<ForecastCounts>): ForecastCounts =>
  ({ enrolments: {}, emails: {}, emailsSent: 0, tasks: 0, tasksByRole: {}, tasksByCsm: {}, notifications: {}, ...over });
const diff = { enrolments: 0, emailsSent: 0, emailsDeferred: 0, emailsSuppressed: 0, tasks: 0 };
const result: ForecastResult = {
  playbookId: 'p', start: '2026-03-02T09:00:00+00:00', weeks: 2, accounts: 3, taskCapacityPerWeek: 2, summary: '',
  weekly: [
    { week: 1, from: '2026-03-02T09:00:00+00:00', to: '', difference: diff,
      candidate: counts({ emails: { welcome: { sent: 3, deferred: 1, suppressed: 0 }, offer: { sent: 1, deferred: 0, suppressed: 2 } }, tasksByRole: { csm: 3, 'cs-lead': 1 }, tasksByCsm: { dana: 3 } }),
      published: counts({ emails: { welcome: { sent: 2, deferred: 0, suppressed: 0 } }, tasksByRole: { csm: 2 }, tasksByCsm: { dana: 2 } }) },
    { week: 2, from: '2026-03-09T09:00:00+00:00', to: '', difference: diff,
      candidate: counts({ tasksByRole: { csm: 1 }, tasksByCsm: { lee: 1 } }), published: counts({}) },
  ],
  totals: {
    candidate: counts({ emails: { welcome: { sent: 3, deferred: 1, suppressed: 0 }, offer: { sent: 1, deferred: 0, suppressed: 2 } } }),
    published: counts({ emails: { welcome: { sent: 2, deferred: 0, suppressed: 0 } } }), difference: diff,
  },
  overloaded: [{ csmId: 'dana', name: 'Dana Reyes', weeks: [1], peak: 3 }],
};

describe('forecast charts', () => {
  it('sum emails per week and kind for the draft and the published version', () => {
    const series = emailSeries(result);
    expect(series.find((s) => s.name === 'Draft · sent')?.values).toEqual([4, 0]);
    expect(series.find((s) => s.name === 'Draft · suppressed')?.values).toEqual([2, 0]);
    expect(series.find((s) => s.name === 'Published · sent')?.values).toEqual([2, 0]);
    expect(new Set(series.map((s) => s.stack))).toEqual(new Set(['Draft', 'Published']));
  });
  it('list every template of either side, with zeros where a side has none', () => {
    expect(emailsByTemplate(result)).toEqual([
      { template: 'offer', draft: { sent: 1, deferred: 0, suppressed: 2 }, published: { sent: 0, deferred: 0, suppressed: 0 } },
      { template: 'welcome', draft: { sent: 3, deferred: 1, suppressed: 0 }, published: { sent: 2, deferred: 0, suppressed: 0 } },
    ]);
    expect(emailTable(result).rows).toEqual([[1, '2026-03-02', 'offer', 1, 0, 2, 0, 0, 0], [1, '2026-03-02', 'welcome', 3, 1, 0, 2, 0, 0]]);
  });
  it('split tasks by role and show each CSM\'s week against capacity', () => {
    expect(taskSeries(result).map((s) => [s.name, s.values])).toEqual([
      ['Draft · cs-lead', [1, 0]], ['Draft · csm', [3, 1]], ['Published · cs-lead', [0, 0]], ['Published · csm', [2, 0]],
    ]);
    expect(csmLoad(result, { lee: 'Lee Lead' })).toEqual([
      { csmId: 'dana', name: 'Dana Reyes', values: [3, 0] }, { csmId: 'lee', name: 'Lee Lead', values: [0, 1] },
    ]);
    expect(csmLoadTable(result, {}).rows[0]).toEqual([1, '2026-03-02', 'dana', 'Dana Reyes', 3, 2, 'yes']);
  });
});
