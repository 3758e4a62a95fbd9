import type { BenchSettings } from './benchSettings.js';
import type { BatchIngestRun } from './stages/batchIngest.js';
import type { IngestRatio } from './stages/ingestRatios.js';
import type { MemorySoakRun } from './stages/memorySoak.js';
import type { MetricsLatencyRun } from './stages/metricsLatency.js';
import type { StartupRun } from './stages/startup.js';
import type { TraceReplayRun } from './stages/traceReplays.js';

export interface BenchReport {
  machine: string;
  settings: BenchSettings;
  ingest: IngestRatio[];
  batch: BatchIngestRun[];
  metrics: MetricsLatencyRun[];
  startup: StartupRun | null;
  memory: MemorySoakRun | null;
  trace: TraceReplayRun[];
}

type Row = [what: string, target: string, measured: string, met: boolean];

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const verdict = (met: boolean) => (met ? 'yes' : '**no**');

function ingestRows(report: BenchReport): Row[] {
  return report.ingest.map((run) => [
    `POST /track-usage, ${run.mode}, 32 connections`,
    `>= ${run.target}x bare Express`,
    `${run.ratio.toFixed(2)}x (${number.format(run.usageRequestsPerSecond)} vs ` +
      `${number.format(run.bareRequestsPerSecond)} req/s)`,
    run.ratio >= run.target && run.failures === 0,
  ]);
}

function batchRows(report: BenchReport): Row[] {
  return report.batch.map((run) => [
    `batch ingest, ${run.door}, 1,000 events a request`,
    '>= 100,000 events/s stored',
    `${number.format(run.eventsPerSecond)} events/s`,
    run.eventsPerSecond >= run.target && run.failures === 0,
  ]);
}

function metricsRows(report: BenchReport): Row[] {
  const smallest = Math.min(...report.metrics.map((run) => run.storedEvents));
  return report.metrics.map((run) => {
    const base = report.metrics.find((r) => r.storedEvents === smallest && r.scope === run.scope)!;
    const growth = run.latency.p99 / base.latency.p99;
    const checkGrowth = run.storedEvents !== smallest;
    return [
      `GET /usage-metrics p99, ${run.scope}, ${number.format(run.storedEvents)} events`,
      checkGrowth ? '<= 5 ms and <= 1.5x p99 at 10,000' : '<= 5 ms',
      `${run.latency.p99.toFixed(2)} ms (p50 ${run.latency.p50.toFixed(2)}` +
        `${checkGrowth ? `, ${growth.toFixed(2)}x` : ''})`,
      run.latency.p99 <= 5 && (!checkGrowth || growth <= 1.5) && run.latency.failures === 0,
    ];
  });
}

function memoryRows({ memory }: BenchReport): Row[] {
  if (!memory) return [];
  const rss = memory.residentMegabytes;
  return [
    [
      `resident memory, 10,000,000 events, ${memory.seconds} s of load`,
      '<= 250 MB, steady',
      `peak ${rss.peak.toFixed(0)} MB; first minute ${rss.firstMinuteMean.toFixed(0)}, ` +
        `last minute ${rss.lastMinuteMean.toFixed(0)} MB`,
      rss.peak <= memory.target && memory.failures === 0,
    ],
  ];
}

function startupRows({ startup }: BenchReport): Row[] {
  if (!startup) return [];
  const slowestStart = Math.max(...startup.secondsToHealthy);
  return [
    [
      'start-up to 200 on /healthz, 10,000,000 events',
      '< 1 s',
      `${slowestStart.toFixed(3)} s (slowest of ${startup.secondsToHealthy.length})`,
      slowestStart < startup.target,
    ],
  ];
}

function traceRows(report: BenchReport): Row[] {
  return report.trace.map((run): Row => [
    `Azure trace at ${run.speed}x (${number.format(run.sent)} events over ` +
      `${run.traceSeconds.toFixed(0)} s of trace)`,
    run.targetP99Milliseconds ? `no errors; p99 < ${run.targetP99Milliseconds} ms` : 'no errors',
    `${run.failures} errors; p99 ${run.latency.p99.toFixed(2)} ms, max ${run.latency.max.toFixed(1)} ms` +
      (run.bareLatency ? ` (bare Express: p99 ${run.bareLatency.p99.toFixed(2)} ms)` : ''),
    run.failures === 0 &&
      (run.targetP99Milliseconds === null || run.latency.p99 < run.targetP99Milliseconds),
  ]);
}

/** The figures as a Markdown table, ready for docs/benchmarks.md. */
export function renderReport(report: BenchReport): string {
  const rows = [
    ...ingestRows(report),
    ...batchRows(report),
    ...metricsRows(report),
    ...memoryRows(report),
    ...startupRows(report),
    ...traceRows(report),
  ];
  const lines = [
    `Machine: ${report.machine}`,
    '',
    '| what | target | measured | met |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      ([what, target, measured, met]) => `| ${what} | ${target} | ${measured} | ${verdict(met)} |`,
    ),
  ];
  return lines.join('\n');
}
