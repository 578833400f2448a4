/**
 * Charts as server-rendered SVG: a line chart per metric (MetricsPanel, LineChart) and the small
 * sparklines of lists (Sparkline). No script draws them; a panel names the URL that renders it again
 * (`data-refresh`), and the client script (client/refresh.js) swaps in the new rendering every few
 * seconds. Any page can show any MetricsAnswer (src/metrics/query.ts) this way.
 *
 * A series is laid out on the range's periods, ending at the period that holds `now`: a Sum with no
 * point in a period is 0 there (nothing happened), an Average or Maximum without one is a gap.
 * Each chart carries its figures as data attributes (data-total, data-max, data-last), which
 * tests and scripts read instead of parsing the drawing.
 */
import type { FC } from "hono/jsx";
import type { MetricRange, MetricSeries, MetricsAnswer } from "../metrics/query";
import { formatAxisTime, formatMetric } from "./format";

const RANGE_MS: Readonly<Record<MetricRange, number>> = { "1h": 3_600_000, "24h": 86_400_000, "7d": 604_800_000 };

/** One period of a laid-out series: its start and value, null where nothing was measured. */
export interface Bucket {
  at: number;
  value: number | null;
}

export interface LaidOut {
  buckets: Bucket[];
  from: number;
  to: number;
  max: number;
  total: number;
  last: number | null;
  /** What the chart's headline figure says: the total of a Sum, the mean of an Average, the top of a Maximum. */
  summary: number | null;
}

function layOut(series: Pick<MetricSeries, "points" | "statistic">, range: MetricRange, periodSeconds: number, now: number): LaidOut {
  const period = Math.max(1, periodSeconds) * 1000;
  const count = Math.max(1, Math.round(RANGE_MS[range] / period));
  const lastStart = Math.floor(now / period) * period;
  const firstStart = lastStart - (count - 1) * period;
  const byPeriod = new Map<number, number>();
  for (const [at, value] of series.points) {
    const start = Math.floor(at / period) * period;
    if (start < firstStart || start > lastStart) continue;
    const previous = byPeriod.get(start);
    // Two points in one period (a coarser layout than the answer's): combine them as the statistic does.
    byPeriod.set(start, previous === undefined ? value : combine(series.statistic, previous, value));
  }
  const buckets: Bucket[] = [];
  for (let i = 0; i < count; i++) {
    const at = firstStart + i * period;
    const value = byPeriod.get(at);
    buckets.push({ at, value: value ?? (series.statistic === "Sum" ? 0 : null) });
  }
  const values = buckets.flatMap((bucket) => (bucket.value === null ? [] : [bucket.value]));
  const total = values.reduce((sum, value) => sum + value, 0);
  const max = values.reduce((top, value) => Math.max(top, value), 0);
  const last = buckets.at(-1)?.value ?? null;
  const summary =
    series.statistic === "Sum" ? total : values.length === 0 ? null : series.statistic === "Average" ? total / values.length : max;
  return { buckets, from: firstStart, to: lastStart + period, max, total, last, summary };
}

function combine(statistic: MetricSeries["statistic"], a: number, b: number): number {
  if (statistic === "Sum") return a + b;
  if (statistic === "Maximum") return Math.max(a, b);
  return (a + b) / 2;
}

/** The polylines of a laid-out series in a width × height box (y grows downwards), split at gaps. */
function polylines(laidOut: LaidOut, width: number, height: number): string[] {
  const { buckets, max } = laidOut;
  const step = buckets.length > 1 ? width / (buckets.length - 1) : 0;
  const top = max > 0 ? max : 1;
  const lines: string[] = [];
  let current: string[] = [];
  buckets.forEach((bucket, i) => {
    if (bucket.value === null) {
      if (current.length > 0) lines.push(current.join(" "));
      current = [];
      return;
    }
    const x = buckets.length > 1 ? i * step : width / 2;
    const y = height - (bucket.value / top) * height;
    current.push(`${round(x)},${round(y)}`);
  });
  if (current.length > 0) lines.push(current.join(" "));
  return lines;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const SUMMARY_LABEL: Readonly<Record<MetricSeries["statistic"], string>> = { Sum: "total", Average: "average", Maximum: "peak" };

/** A metric's chart: title, headline figure, the line, and the axes' extremes. */
const LineChart: FC<{ series: MetricSeries; range: MetricRange; periodSeconds: number; now: number }> = ({
  series,
  range,
  periodSeconds,
  now,
}) => {
  const laidOut = layOut(series, range, periodSeconds, now);
  const width = 600;
  const height = 120;
  const lines = polylines(laidOut, width, height);
  const withDate = range !== "1h";
  return (
    <figure
      class="chart"
      data-testid={`chart-${series.name}`}
      data-metric={series.name}
      data-total={String(laidOut.total)}
      data-max={String(laidOut.max)}
      data-last={laidOut.last === null ? "" : String(laidOut.last)}
    >
      <figcaption>
        <span class="chart-title">{series.name}</span>
        <span class="chart-stat">
          {series.statistic}, {series.unit}
        </span>
        <span class="chart-summary">
          {SUMMARY_LABEL[series.statistic]} {laidOut.summary === null ? "no data" : formatMetric(laidOut.summary, series.unit)}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label={`${series.name} over the last ${range}`}>
        <line class="axis" x1="0" y1={height} x2={width} y2={height} />
        <line class="grid" x1="0" y1="0" x2={width} y2="0" />
        {lines.map((points) =>
          points.includes(" ") ? <polyline class="line" points={points} /> : <circle class="dot" r="3" cx={points.split(",")[0]} cy={points.split(",")[1]} />,
        )}
        <text class="label" x="4" y="14">
          {formatMetric(laidOut.max, series.unit)}
        </text>
        <text class="label" x="0" y={height + 18}>
          {formatAxisTime(laidOut.from, withDate)}
        </text>
        <text class="label end" x={width} y={height + 18}>
          {formatAxisTime(laidOut.to, withDate)} UTC
        </text>
      </svg>
    </figure>
  );
};

/** A list's small chart of one metric over the last hour, with its total. */
export const Sparkline: FC<{ series: MetricSeries | undefined; periodSeconds: number; now: number; testId: string }> = ({
  series,
  periodSeconds,
  now,
  testId,
}) => {
  if (!series) return <span class="muted">no data</span>;
  const laidOut = layOut(series, "1h", periodSeconds, now);
  const width = 120;
  const height = 24;
  return (
    <span class="sparkline" data-testid={testId} data-total={String(laidOut.total)}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${series.name}, last hour`}>
        {polylines(laidOut, width, height).map((points) => (
          <polyline class="line" points={points.includes(" ") ? points : `${points} ${points}`} />
        ))}
      </svg>
      <span class="sparkline-figure">{formatMetric(laidOut.total, series.unit)}</span>
    </span>
  );
};

/**
 * The charts of one MetricsAnswer, refreshed in place from `refreshUrl` (which renders this panel
 * again) every ten seconds.
 */
export const MetricsPanel: FC<{ answer: MetricsAnswer; now: number; refreshUrl: string; testId: string; names?: readonly string[] }> = ({
  answer,
  now,
  refreshUrl,
  testId,
  names,
}) => {
  const shown = names ? answer.series.filter((series) => names.includes(series.name)) : answer.series;
  return (
    <div class="chart-grid" data-testid={testId} data-refresh={refreshUrl} data-range={answer.range}>
      {shown.length === 0 ? <p class="muted">No metrics yet.</p> : null}
      {shown.map((series) => (
        <LineChart series={series} range={answer.range} periodSeconds={answer.periodSeconds} now={now} />
      ))}
    </div>
  );
};

/** Links that choose a chart range: the page again with `?range=`, keeping its other parameters. */
export const RangeTabs: FC<{ current: MetricRange; baseUrl: string; params?: Record<string, string> }> = ({ current, baseUrl, params }) => (
  <nav class="tabs" aria-label="Time range" data-testid="range-tabs">
    {(["1h", "24h", "7d"] as const).map((range) => {
      const query = new URLSearchParams({ ...params, range });
      return (
        <a href={`${baseUrl}?${query.toString()}`} class={range === current ? "tab active" : "tab"} aria-current={range === current ? "page" : undefined}>
          {range}
        </a>
      );
    })}
  </nav>
);
