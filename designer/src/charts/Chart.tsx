// The ES module build: the CommonJS one (lib/) reaches a production bundle as { default } and React refuses it.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { csvDownloadHref, type CsvTable } from './csv';

// Only what our screens draw is registered (keeps the bundle small); SVG so e2e tests and screen readers see real nodes.
echarts.use([BarChart, FunnelChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent,
  TitleComponent, TooltipComponent, SVGRenderer]);

export type { EChartsOption };

/**
 * One chart of the designer: a titled figure with the ECharts drawing, a text summary for assistive technology and,
 * when `table` is given, the chart's data as a CSV download. Every chart screen uses this one component.
 */
export function Chart({ id, title, option, summary, table, height = 280 }: {
  /** Stable id: the figure's test id is `chart-{id}`, its CSV file `{id}.csv`. */
  id: string;
  title: string;
  option: EChartsOption;
  /** One sentence saying what the chart shows (read by screen readers instead of the drawing). */
  summary: string;
  table?: CsvTable;
  height?: number;
}) {
  const headingId = `chart-${id}-title`;
  return (
    <figure className="chart" data-testid={`chart-${id}`} aria-labelledby={headingId}>
      <figcaption className="chart-head">
        <h3 id={headingId}>{title}</h3>
        {table && <a className="button secondary" href={csvDownloadHref(table)} download={`${id}.csv`} data-testid={`csv-${id}`}>CSV</a>}
      </figcaption>
      <div role="img" aria-label={summary}>
        <ReactEChartsCore echarts={echarts} option={{ animation: false, ...option }} notMerge style={{ height }} opts={{ renderer: 'svg' }} />
      </div>
    </figure>
  );
}
