import { copySqliteEvents } from '../src/server/storage/postgres/copySqliteEvents.js';
import { describePostgresUrl } from '../src/server/storage/postgres/postgresPool.js';

const USAGE =
  'usage: npm run migrate:sqlite-to-postgres -- <sqlite file> [postgres://user@host/db]\n' +
  '  the PostgreSQL URL may instead come from POSTGRES_URL, or DATABASE_URL when it is one';

function postgresUrlFrom(argument: string | undefined): string | undefined {
  const candidates = [argument, process.env.POSTGRES_URL, process.env.DATABASE_URL];
  return candidates.find((value) => value !== undefined && /^postgres(ql)?:\/\//.test(value));
}

async function main(): Promise<void> {
  const [sqlitePath, urlArgument] = process.argv.slice(2);
  const postgresUrl = postgresUrlFrom(urlArgument);
  if (!sqlitePath || !postgresUrl) {
    console.error(USAGE);
    process.exit(2);
  }

  const target = describePostgresUrl(postgresUrl);
  console.log(`copying usage events from ${sqlitePath} to ${target}`);
  const started = Date.now();
  const result = await copySqliteEvents(sqlitePath, postgresUrl, (progress) => {
    console.log(
      `  up to id ${progress.lastId}: ${progress.read} read, ${progress.inserted} inserted, ` +
        `${progress.alreadyPresent} already there`,
    );
  });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `done in ${seconds} s: ${result.read} events read, ${result.inserted} inserted, ` +
      `${result.alreadyPresent} already in PostgreSQL (skipped, not counted again)`,
  );
}

main().catch((error: unknown) => {
  console.error(`the copy stopped: ${error instanceof Error ? error.message : String(error)}`);
  console.error('batches committed so far stay; running the command again resumes safely');
  process.exit(1);
});
