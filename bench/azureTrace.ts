import fs from 'node:fs';
import path from 'node:path';

/**
 * The Azure LLM inference trace (Patel et al., "Splitwise: Efficient generative LLM
 * inference using phase splitting", ISCA 2024; CC-BY 4.0): one real hour of request
 * arrivals. Mapped to usage events thus: conv.csv rows are `lead_generation` actions and
 * code.csv rows are `financial_analysis` actions; each takes 0.2 s plus 20 ms per generated
 * token; users are dealt round-robin from 200; every action succeeds (the trace records no
 * failures); each carries an event_id built from its file and row.
 */
export interface TraceArrival {
  /** Milliseconds after the trace's first arrival. */
  offset: number;
  body: string;
}

const TRACE_FILES = [
  { file: 'conv.csv', action: 'lead_generation' },
  { file: 'code.csv', action: 'financial_analysis' },
];
const TRACE_USERS = 200;

function parseTimestamp(text: string): number {
  // "2023-11-16 18:15:46.6805900": no zone given, so it is read as UTC.
  const [date, time] = text.split(' ');
  return Date.parse(`${date}T${time!.slice(0, 12)}Z`);
}

export function loadTrace(directory: string): TraceArrival[] {
  const rows: Array<{ at: number; body: Record<string, unknown> }> = [];

  for (const { file, action } of TRACE_FILES) {
    const lines = fs.readFileSync(path.join(directory, file), 'utf8').trim().split('\n').slice(1);
    lines.forEach((line, row) => {
      const [timestamp, , generatedTokens] = line.split(',');
      rows.push({
        at: parseTimestamp(timestamp!),
        body: {
          user_id: `trace_user_${String(row % TRACE_USERS).padStart(3, '0')}`,
          action,
          duration: Math.round((0.2 + 0.02 * Number(generatedTokens)) * 1000) / 1000,
          success: true,
          event_id: `azure-${file.replace('.csv', '')}-${row}`,
        },
      });
    });
  }

  rows.sort((a, b) => a.at - b.at);
  const first = rows[0]?.at ?? 0;
  return rows.map((row) => ({ offset: row.at - first, body: JSON.stringify(row.body) }));
}
