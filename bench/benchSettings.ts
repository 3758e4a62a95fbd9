/** How long and how hard each stage runs; `--quick` shortens them. */
export interface BenchSettings {
  ingestSeconds: number;
  rounds: number;
  batchSeconds: number;
  latencySamples: number;
  soakSeconds: number;
  realTimeReplaySeconds: number;
  datasetSizes: number[];
}

export type BenchLog = (message: string) => void;

export const SINGLE_EVENT_BODY = JSON.stringify({
  user_id: 'user_123',
  action: 'lead_generation',
  duration: 2.5,
  success: true,
});

/** A secret for the API-key runs; it exists only in the benchmark's own processes. */
export const BENCH_API_KEY = 'bench-service-key-0123456789abcdef';

export function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}
