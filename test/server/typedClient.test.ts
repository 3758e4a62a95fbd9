import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, expect, expectTypeOf, test } from 'vitest';

import { createUsageClient, type UsageClient } from '../../src/client/createUsageClient.js';
import type { AppRouter } from '../../src/server/trpc/appRouter.js';
import type {
  TrackUsageBatchInput,
  TrackUsageBatchResult,
  TrackUsageInput,
  TrackUsageResult,
} from '../../src/shared/usageEventSchema.js';
import type { UsageMetrics, UsageMetricsInput } from '../../src/shared/usageMetricsSchema.js';
import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/testServer.js';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

test("the client's procedures take and give exactly the router's types", () => {
  type Track = UsageClient['trackUsage']['mutate'];
  type Batch = UsageClient['trackUsageBatch']['mutate'];
  type Metrics = UsageClient['usageMetrics']['query'];

  expectTypeOf<Parameters<Track>[0]>().toEqualTypeOf<Inputs['trackUsage']>();
  expectTypeOf<Parameters<Track>[0]>().toEqualTypeOf<TrackUsageInput>();
  expectTypeOf<Awaited<ReturnType<Track>>>().toEqualTypeOf<Outputs['trackUsage']>();
  expectTypeOf<Awaited<ReturnType<Track>>>().toEqualTypeOf<TrackUsageResult>();

  expectTypeOf<Parameters<Batch>[0]>().toEqualTypeOf<TrackUsageBatchInput>();
  expectTypeOf<Awaited<ReturnType<Batch>>>().toEqualTypeOf<TrackUsageBatchResult>();

  expectTypeOf<Parameters<Metrics>[0]>().toEqualTypeOf<Inputs['usageMetrics']>();
  expectTypeOf<NonNullable<UsageMetricsInput>>().toExtend<Parameters<Metrics>[0]>();
  expectTypeOf<undefined>().toExtend<Parameters<Metrics>[0]>();
  expectTypeOf<Awaited<ReturnType<Metrics>>>().toEqualTypeOf<UsageMetrics>();
});

test("the client's types refuse what the server would refuse", () => {
  type TrackInput = Parameters<UsageClient['trackUsage']['mutate']>[0];

  expectTypeOf<{ action: string; duration: string; success: boolean }>().not.toExtend<TrackInput>();
  expectTypeOf<{ action: string; duration: number; success: 'true' }>().not.toExtend<TrackInput>();
  expectTypeOf<{ action: string; duration: number }>().not.toExtend<TrackInput>();
  expectTypeOf<{ action: string; duration: number; success: boolean }>().toExtend<TrackInput>();
});

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY } });
});

afterAll(async () => {
  await server.close();
});

test('a live round trip with an API key: record, batch, read', async () => {
  const usage = createUsageClient({ url: `${server.url}/`, apiKey: TEST_API_KEY });

  const single = await usage.trackUsage.mutate({
    user_id: 'user_ts',
    action: 'lead_generation',
    duration: 2.5,
    success: true,
  });
  const batch = await usage.trackUsageBatch.mutate([
    { user_id: 'user_ts', action: 'financial_analysis', duration: 1, success: false },
    { user_id: 'user_ts', action: 'financial_analysis', duration: 1.5, success: true },
  ]);
  const metrics = await usage.usageMetrics.query({ user_id: 'user_ts', tz: 'Europe/Paris' });

  expect(single).toMatchObject({ duplicate: false, event: { user_id: 'user_ts' } });
  expect(batch).toMatchObject({ stored: 2, duplicates: 0 });
  expect(metrics).toMatchObject({
    total_searches: 3,
    agent_usage: { lead_generation: 1, financial_analysis: 2 },
    performance_stats: { total_errors: 1 },
  });
});

test('a wrong key comes back as a TRPCClientError with UNAUTHORIZED and status 401', async () => {
  const usage = createUsageClient({ url: server.url, apiKey: 'definitely-not-a-valid-key' });

  const error: unknown = await usage.usageMetrics.query({}).catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(TRPCClientError);
  expect((error as TRPCClientError<AppRouter>).data).toMatchObject({
    code: 'UNAUTHORIZED',
    httpStatus: 401,
  });
});

test('a bad input comes back with each bad field named, as at the REST door', async () => {
  const usage = createUsageClient({ url: server.url, apiKey: TEST_API_KEY });
  const untyped = { user_id: 'user_ts', action: 'lead_generation', duration: '2.5', success: true };

  const error: unknown = await usage.trackUsage
    .mutate(untyped as unknown as TrackUsageInput)
    .catch((caught: unknown) => caught);

  expect((error as TRPCClientError<AppRouter>).data).toMatchObject({
    code: 'BAD_REQUEST',
    httpStatus: 400,
    issues: [{ field: 'duration', message: expect.stringContaining('number') as unknown }],
  });
});

test('usageMetrics may be asked with no input at all', async () => {
  const usage = createUsageClient({ url: server.url, apiKey: TEST_API_KEY });
  const metrics = await usage.usageMetrics.query();

  expect(metrics.agent_usage).toHaveProperty('lead_generation');
});
