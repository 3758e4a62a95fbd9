import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

/**
 * Opens the file with the settings both of the store's connections share. WAL lets the
 * reading connection answer while the writer commits.
 *
 * synchronous=NORMAL: a commit is in the WAL file before it returns, so an acknowledged
 * event survives the process being killed; a power cut may lose the last commits.
 * `SQLITE_SYNCHRONOUS=FULL` trades ingest speed for that guarantee.
 */
export function openSqliteDatabase(filePath: string): Database.Database {
  if (filePath !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  }
  const db = new Database(filePath);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32000');
  return db;
}
