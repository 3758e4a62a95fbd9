import type { UsageEvent } from '../../../shared/usageEventSchema.js';
import type { NewUsageEvent } from '../usageStore.js';

/**
 * What the writer answers for each event: the new row's id, or, for a repeated `event_id`,
 * the original it repeats. The store already holds the rest of a new event, so it does not
 * travel back across threads.
 */
export type WrittenEvent = number | UsageEvent;

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
  written?: WrittenEvent[];
  error?: string;
}

export type WriterReply = { kind: 'written'; results: WriteResult[] } | { kind: 'closed' };

export interface WriterOptions {
  filePath: string;
}
