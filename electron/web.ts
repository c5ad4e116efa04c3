// The web host's entry (dist/web.js): `node dist/web.js [--port N] [--host H] [--data DIR] [files...]`.
// `npm run web` builds and runs it; scripts/start.mjs falls back to it where Electron's binary is missing;
// `bitlens web` (electron/cli.ts) runs the same thing.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runWeb, WebUsageError } from './web/run.js';

export { startWebHost, type WebHost, type WebHostOptions } from './web/host.js';

function isEntry(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  runWeb(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`bitlens web: ${e instanceof WebUsageError || !(e instanceof Error) ? String(e instanceof Error ? e.message : e) : `${e.name}: ${e.message}`}\n`);
    process.exitCode = 1;
  });
}
