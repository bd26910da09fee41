// npm run worker — the job worker (see lib/worker/README.md). SIGTERM/SIGINT: graceful stop.
import { db } from '../lib/db';
import { startWorker } from '../lib/worker/start-worker';

async function main(): Promise<void> {
  const worker = await startWorker();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      worker.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    worker.log.info({ signal, running: worker.running() }, 'stopping');
    void worker
      .stop()
      .then(() => db.$disconnect())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          worker.log.error({ err }, 'unclean stop');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((e: unknown) => {
  console.error(`worker failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
