// `npm run bench`: builds the data sets, measures every figure the service promises, and
// prints them as a table with the targets. It is a benchmark, not a test: nothing here is
// run by CI. `--quick` shortens the long runs for a first look.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { loadTrace } from './azureTrace.js';
import { buildDataset } from './buildDataset.js';
import { renderReport, type BenchReport } from './benchReport.js';
import { stopEverything } from './benchServers.js';
import { measureBatchIngest } from './stages/batchIngest.js';
import { measureIngestRatios } from './stages/ingestRatios.js';
import { measureMemorySoak } from './stages/memorySoak.js';
import { measureMetricsLatency } from './stages/metricsLatency.js';
import { measureStartup } from './stages/startup.js';
import { measureTraceReplays } from './stages/traceReplays.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATA_DIR = path.join(ROOT, 'bench/.data');
const TRACE_DIR = path.resolve(ROOT, '../shared/data/azure-llm-trace-2023');
const QUICK = process.argv.includes('--quick');
const ONLY = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

/** `--only=ingest,batch` runs just those stages, for working on one of them. */
function wanted(stage: string): boolean {
  return !ONLY || ONLY.includes(stage);
}

const SETTINGS = {
  ingestSeconds: QUICK ? 5 : 10,
  rounds: QUICK ? 1 : 3,
  batchSeconds: QUICK ? 5 : 10,
  latencySamples: QUICK ? 1000 : 3000,
  soakSeconds: QUICK ? 60 : 600,
  realTimeReplaySeconds: QUICK ? 30 : 180,
  datasetSizes: [10_000, 100_000, 1_000_000, 10_000_000],
};

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function buildDatasets(now: number): Promise<Map<number, string>> {
  const files = new Map<number, string>();
  for (const size of SETTINGS.datasetSizes) {
    const file = path.join(DATA_DIR, `metrics-${size}.db`);
    const seconds = await buildDataset(file, size, now);
    log(seconds > 0 ? `built ${size} events in ${seconds.toFixed(1)} s` : `reused ${size} events`);
    files.set(size, file);
  }
  return files;
}

async function main(): Promise<void> {
  log('building the server (npm run build:server)');
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });

  const needsData = wanted('metrics') || wanted('startup') || wanted('memory');
  const datasets = needsData ? await buildDatasets(Date.now()) : new Map<number, string>();
  const largest = datasets.get(10_000_000) ?? '';

  const report: BenchReport = {
    machine: machineDescription(),
    settings: SETTINGS,
    ingest: wanted('ingest') ? await measureIngestRatios(SETTINGS, log) : [],
    batch: wanted('batch') ? await measureBatchIngest(SETTINGS, log) : [],
    metrics: wanted('metrics') ? await measureMetricsLatency(datasets, SETTINGS, log) : [],
    startup: wanted('startup') ? await measureStartup(largest, log) : null,
    memory: wanted('memory') ? await measureMemorySoak(largest, SETTINGS, log) : null,
    trace: wanted('trace') ? await measureTraceReplays(loadTrace(TRACE_DIR), SETTINGS, log) : [],
  };

  // A partial run keeps its own file, so it never overwrites the figures of a whole one.
  const name = ONLY ? `partial-${ONLY.join('-')}.json` : 'latest.json';
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results', name), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${renderReport(report)}\n`);
}

function machineDescription(): string {
  const model = os.cpus()[0]?.model ?? 'unknown CPU';
  const memoryGiB = Math.round(os.totalmem() / 1024 ** 3);
  return `${model}, ${os.cpus().length} cores, ${memoryGiB} GiB, Node ${process.version}`;
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => stopEverything());
