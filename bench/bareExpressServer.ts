// The baseline ingest is measured against: Express 5 parsing the same JSON body and
// answering 200, with nothing else. Run as its own process; prints its URL on stdout.
import express from 'express';

const app = express();
app.use(express.json({ limit: 1_048_576 }));
app.post('/track-usage', (_req, res) => {
  res.status(200).json({ ok: true });
});

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') {
    process.stdout.write(
      `${JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${address.port}` })}\n`,
    );
  }
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
