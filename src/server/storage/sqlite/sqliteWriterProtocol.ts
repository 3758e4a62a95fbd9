import type { NewUsageEvent, RecordOutcome } from '../usageStore.js';

/** What the store's thread and its writer thread say to each other. */
export interface WriteRequest {
  id: number;
  events: NewUsageEvent[];
  /** The server's clock when the events were received. */
  now: number;
}

export type WriterCommand = { kind: 'write'; requests: WriteRequest[] } | { kind: 'close' };

export interface WriteResult {
  id: number;
  outcomes?: RecordOutcome[];
  error?: string;
}

export type WriterReply = { kind: 'written'; results: WriteResult[] } | { kind: 'closed' };

export interface WriterOptions {
  filePath: string;
}
