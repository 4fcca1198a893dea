// An embedded Postgres in its own process, so a fault test can stop it and start it again on the same data
// folder and port (PG_DIR, PG_PORT). Prints its URL once ready; SIGTERM stops the server, then exits.
import { startEmbeddedPostgres } from '@ledgerflow/devstack';

const pg = await startEmbeddedPostgres({
  dataDir: process.env.PG_DIR!,
  port: Number(process.env.PG_PORT),
  persistent: true,
});
let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void pg.stop().finally(() => process.exit(0));
});
process.stdout.write(`ready ${pg.url}\n`);
