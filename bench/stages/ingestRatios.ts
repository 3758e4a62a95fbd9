import { clerkEnv, sessionToken } from '../../test/helpers/clerkTokens.js';
import {
  BENCH_API_KEY,
  SINGLE_EVENT_BODY,
  mean,
  type BenchLog,
  type BenchSettings,
} from '../benchSettings.js';
import {
  scratchDatabase,
  startBareExpress,
  startUsageProcess,
  stopServer,
} from '../benchServers.js';
import { measureThroughput } from '../ingestThroughput.js';

export interface IngestRatio {
  mode: string;
  bareRequestsPerSecond: number;
  usageRequestsPerSecond: number;
  ratio: number;
  target: number;
  failures: number;
}

interface IngestMode {
  mode: string;
  target: number;
  env: Record<string, string>;
  /** Made fresh before each run: a session token lives 60 s. */
  headers: () => Record<string, string>;
}

const MODES: IngestMode[] = [
  { mode: 'open local mode', target: 0.8, env: {}, headers: () => ({}) },
  {
    mode: 'API key',
    target: 0.8,
    env: { USAGE_API_KEYS: BENCH_API_KEY },
    headers: () => ({ authorization: `Bearer ${BENCH_API_KEY}` }),
  },
  {
    mode: 'Clerk session token',
    target: 0.6,
    env: clerkEnv,
    headers: () => ({ authorization: `Bearer ${sessionToken({ userId: 'user_123' })}` }),
  },
];

/**
 * Single-event ingest against a bare Express endpoint, the two measured in turns within each
 * round so that drift on a shared machine falls on both alike. The body omits `user_id` for
 * a signed-in user, since the token names the user.
 */
export async function measureIngestRatios(
  settings: BenchSettings,
  log: BenchLog,
): Promise<IngestRatio[]> {
  const bare = await startBareExpress();
  const results: IngestRatio[] = [];

  for (const mode of MODES) {
    const usage = await startUsageProcess({ ...mode.env, DATABASE_URL: scratchDatabase('ingest') });
    const body = mode.mode.startsWith('Clerk')
      ? withoutUserId(SINGLE_EVENT_BODY)
      : SINGLE_EVENT_BODY;
    // Both servers warm up first (JIT, first pages of a new file): only steady state counts.
    await measureThroughput({ url: `${bare.url}/track-usage`, body, seconds: 3 });
    await measureThroughput({
      url: `${usage.url}/track-usage`,
      body,
      headers: mode.headers(),
      seconds: 3,
    });
    const bareRates: number[] = [];
    const usageRates: number[] = [];
    let failures = 0;

    for (let round = 0; round < settings.rounds; round += 1) {
      const seconds = settings.ingestSeconds;
      const baseline = await measureThroughput({ url: `${bare.url}/track-usage`, body, seconds });
      const ours = await measureThroughput({
        url: `${usage.url}/track-usage`,
        body,
        headers: mode.headers(),
        seconds,
      });
      bareRates.push(baseline.requestsPerSecond);
      usageRates.push(ours.requestsPerSecond);
      failures += ours.non2xx + ours.errors;
      log(
        `ingest ${mode.mode} round ${round + 1}: ` +
          `bare ${baseline.requestsPerSecond.toFixed(0)}/s, ours ${ours.requestsPerSecond.toFixed(0)}/s`,
      );
    }

    await stopServer(usage);
    const bareRequestsPerSecond = mean(bareRates);
    const usageRequestsPerSecond = mean(usageRates);
    results.push({
      mode: mode.mode,
      bareRequestsPerSecond,
      usageRequestsPerSecond,
      ratio: usageRequestsPerSecond / bareRequestsPerSecond,
      target: mode.target,
      failures,
    });
  }

  await stopServer(bare);
  return results;
}

function withoutUserId(body: string): string {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  delete parsed.user_id;
  return JSON.stringify(parsed);
}
