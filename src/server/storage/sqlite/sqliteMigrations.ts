import type Database from 'better-sqlite3';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Applied in order, each once, each in its own transaction. Never edit one that shipped. */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'usage events and running totals',
    sql: `
      CREATE TABLE usage_events (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        action TEXT NOT NULL,
        duration REAL NOT NULL,
        success INTEGER NOT NULL,
        occurred_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        caller TEXT NOT NULL,
        event_id TEXT
      );
      CREATE UNIQUE INDEX usage_events_caller_event_id
        ON usage_events (caller, event_id) WHERE event_id IS NOT NULL;
      CREATE INDEX usage_events_user_recent ON usage_events (user_id, occurred_at, id);
      CREATE INDEX usage_events_recent ON usage_events (occurred_at, id);

      CREATE TABLE user_totals (
        user_id TEXT NOT NULL,
        action TEXT NOT NULL,
        events INTEGER NOT NULL,
        successes INTEGER NOT NULL,
        duration_sum REAL NOT NULL,
        PRIMARY KEY (user_id, action)
      ) WITHOUT ROWID;

      CREATE TABLE global_totals (
        action TEXT PRIMARY KEY,
        events INTEGER NOT NULL,
        successes INTEGER NOT NULL,
        duration_sum REAL NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE user_buckets (
        user_id TEXT NOT NULL,
        bucket_start INTEGER NOT NULL,
        events INTEGER NOT NULL,
        PRIMARY KEY (user_id, bucket_start)
      ) WITHOUT ROWID;

      CREATE TABLE global_buckets (
        bucket_start INTEGER PRIMARY KEY,
        events INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

export function applySqliteMigrations(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);

  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((row) => row.version),
  );

  const record = db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)');
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;

    // IMMEDIATE takes the write lock first, so a second process opening the same file
    // waits here instead of applying the same migration twice.
    db.transaction(() => {
      const raced = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
      if (raced.get(migration.version)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
