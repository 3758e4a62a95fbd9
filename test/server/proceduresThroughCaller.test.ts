import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, expect, test } from 'vitest';

import type { Principal } from '../../src/server/auth/principal.js';
import { createProcedureHarness, type ProcedureHarness } from '../helpers/procedureCaller.js';

const service: Principal = { kind: 'service', keyId: 'k1' };
const alice: Principal = { kind: 'user', userId: 'user_alice' };

let harness: ProcedureHarness;

beforeAll(async () => {
  harness = await createProcedureHarness();
});

afterAll(async () => {
  await harness.close();
});

async function trpcCodeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

test('a service records an event for any user and reads it back', async () => {
  const caller = harness.callerAs(service);

  const outcome = await caller.trackUsage({
    user_id: 'user_bob',
    action: 'financial_analysis',
    duration: 1.5,
    success: false,
  });
  const metrics = await caller.usageMetrics({ user_id: 'user_bob' });

  expect(outcome.duplicate).toBe(false);
  expect(outcome.event).toMatchObject({ user_id: 'user_bob', action: 'financial_analysis' });
  expect(metrics.total_searches).toBe(1);
  expect(metrics.performance_stats).toEqual({
    average_response_time: 1.5,
    success_rate: 0,
    total_errors: 1,
  });
});

test('a signed-in user records without user_id and the event is its own', async () => {
  const outcome = await harness.callerAs(alice).trackUsage({
    action: 'lead_generation',
    duration: 2,
    success: true,
  });

  expect(outcome.event.user_id).toBe('user_alice');
});

test('a signed-in user naming another user is FORBIDDEN', async () => {
  const caller = harness.callerAs(alice);

  const write = caller.trackUsage({
    user_id: 'user_bob',
    action: 'lead_generation',
    duration: 1,
    success: true,
  });
  const read = caller.usageMetrics({ user_id: 'user_bob' });

  expect(await trpcCodeOf(write)).toBe('FORBIDDEN');
  expect(await trpcCodeOf(read)).toBe('FORBIDDEN');
});

test('an unauthenticated caller is UNAUTHORIZED', async () => {
  const caller = harness.callerAs(null);

  expect(await trpcCodeOf(caller.usageMetrics({}))).toBe('UNAUTHORIZED');
});

test('a service without user_id is told to name the user', async () => {
  const write = harness.callerAs(service).trackUsage({
    action: 'lead_generation',
    duration: 1,
    success: true,
  });

  expect(await trpcCodeOf(write)).toBe('BAD_REQUEST');
});

test('a new action slug is counted by name without a code change', async () => {
  const caller = harness.callerAs(service);

  await caller.trackUsage({
    user_id: 'user_new',
    action: 'email-drafting',
    duration: 3,
    success: true,
  });
  const metrics = await caller.usageMetrics({ user_id: 'user_new' });

  expect(metrics.agent_usage).toEqual({
    lead_generation: 0,
    financial_analysis: 0,
    'email-drafting': 1,
  });
});

test('regression: actions named like Object.prototype members are counted as numbers', async () => {
  const caller = harness.callerAs(service);

  for (const action of ['constructor', '__proto__', 'constructor']) {
    await caller.trackUsage({ user_id: 'user_proto', action, duration: 1, success: true });
  }
  const metrics = await caller.usageMetrics({ user_id: 'user_proto' });
  const wire = JSON.parse(JSON.stringify(metrics)) as { agent_usage: Record<string, unknown> };

  expect(wire.agent_usage).toEqual({
    lead_generation: 0,
    financial_analysis: 0,
    constructor: 2,
    ['__proto__']: 1,
  });
});

test("everyone's metrics for a service without user_id; only its own for a user", async () => {
  const everyone = await harness.callerAs(service).usageMetrics({});
  const own = await harness.callerAs(alice).usageMetrics({});

  expect(everyone.total_searches).toBeGreaterThan(own.total_searches);
  expect(own.recent_activity.every((event) => event.user_id === 'user_alice')).toBe(true);
});
