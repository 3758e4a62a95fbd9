// The SQLite writer thread: owns the only connection that writes, so that committing events
// never holds up the thread that parses requests and answers them.
import { parentPort, workerData } from 'node:worker_threads';

import { openSqliteDatabase } from './sqliteDatabase.js';
import { SqliteEventWriter } from './sqliteEventWriter.js';
import { SqliteWriteQueue } from './sqliteWriteQueue.js';
import type {
  WriteRequest,
  WriteResult,
  WriterCommand,
  WriterOptions,
  WriterReply,
} from './sqliteWriterProtocol.js';

const port = parentPort!;
const { filePath } = workerData as WriterOptions;
const db = openSqliteDatabase(filePath);
// The checkpoint thread keeps the WAL short; this is the fallback should it ever stop.
db.pragma('wal_autocheckpoint = 50000');
const writer = new SqliteEventWriter(db);
const queue = new SqliteWriteQueue((events, now) => writer.write(events, now));

function reply(message: WriterReply): void {
  port.postMessage(message);
}

function perform(request: WriteRequest): Promise<WriteResult> {
  return queue.enqueue(request.events, request.now).then(
    (written) => ({ id: request.id, written }),
    (error: unknown) => ({
      id: request.id,
      error: error instanceof Error ? `${error.message}: ${String(error.cause)}` : String(error),
    }),
  );
}

port.on('message', (command: WriterCommand) => {
  if (command.kind === 'close') {
    void queue.drain().then(() => {
      db.close();
      reply({ kind: 'closed' });
    });
    return;
  }

  void Promise.all(command.requests.map(perform)).then((results) =>
    reply({ kind: 'written', results }),
  );
});
