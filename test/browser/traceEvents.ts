import fs from 'node:fs';

import type { SampleEvent } from '../client/usageEvents';

const TRACE_DIR = '/work/shared/data/azure-llm-trace-2023';

const USERS = ['user_amara', 'user_bjorn', 'user_chen', 'user_dalia', 'user_emeka', 'user_fynn'];

interface TraceRow {
  at: number;
  generatedTokens: number;
}

function readTrace(file: string, every: number): TraceRow[] {
  const [, ...lines] = fs.readFileSync(`${TRACE_DIR}/${file}`, 'utf8').trim().split('\n');
  return lines
    .filter((_, index) => index % every === 0)
    .map((line) => {
      const [timestamp = '', , generated = '0'] = line.split(',');
      return {
        at: Date.parse(`${timestamp.replace(' ', 'T')}Z`),
        generatedTokens: Number(generated),
      };
    });
}

/**
 * Usage events from a public LLM serving trace: conversation requests stand for lead
 * generation and code requests for financial analysis. An action takes 0.2 s plus 20 ms per
 * generated token; very long generations and a sprinkling of others fail. The trace's hour
 * is stretched over the last `spanHours`, ending a minute ago, so "today" is a part of it.
 */
export function traceUsageEvents(now: number, spanHours = 50): SampleEvent[] {
  const rows = [
    ...readTrace('conv.csv', 140).map((row) => ({ ...row, action: 'lead_generation' })),
    ...readTrace('code.csv', 110).map((row) => ({ ...row, action: 'financial_analysis' })),
  ].sort((a, b) => a.at - b.at);

  const first = rows[0]?.at ?? 0;
  const last = rows.at(-1)?.at ?? 1;
  const end = now - 60_000;
  const start = end - spanHours * 3_600_000;

  return rows.map((row, index) => ({
    user_id: USERS[(index * 7 + row.generatedTokens) % USERS.length] ?? 'user_amara',
    action: row.action,
    duration: Math.round((0.2 + 0.02 * row.generatedTokens) * 1000) / 1000,
    success: row.generatedTokens < 700 && index % 19 !== 5,
    timestamp: new Date(start + ((row.at - first) / (last - first)) * (end - start)).toISOString(),
  }));
}
