// npm run capture — the point-in-time capture of the data-plane cluster, alone (lib/pitr/README.md).
// Workers run the same loop; of all of them one captures (lease). SIGTERM/SIGINT: stop after the
// running pass and give the lease up.
import pino from 'pino';
import { db } from '../lib/db';
import { env } from '../lib/env';
import { startCaptureLoop } from '../lib/pitr/start-capture-loop';
import { closeSharedEngineContext, getSharedEngineContext } from '../lib/vault/shared-engine-context';

async function main(): Promise<void> {
  const log = pino({ name: 'vaultline-capture', level: env().LOG_LEVEL });
  const ctx = await getSharedEngineContext();
  const loop = startCaptureLoop({ ctx, log, enabled: true });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(1);
    log.info({ signal }, 'stopping');
    void loop
      .stop()
      .then(() => closeSharedEngineContext())
      .then(() => db.$disconnect())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'unclean stop');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((e: unknown) => {
  console.error(`capture failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
