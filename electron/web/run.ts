// `bitlens web` and `node dist/web.js`: parse the options, start the host, print the address, stop on Ctrl+C.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../services/data-dir.js';
import { appRoot } from './app-root.js';
import { startWebHost, type WebHost } from './host.js';

export const WEB_USAGE = `usage: bitlens web [--port N] [--host 127.0.0.1] [--data DIR] [FILE...]
  serves the Bitlens window to a browser on this machine and prints its address (with its access token);
  FILEs open in the page when it connects. --host 0.0.0.0 exposes it to the network: only on networks you trust.`;

export class WebUsageError extends Error {}

export interface WebArgs {
  port: number;
  host: string;
  dataDir: string;
  files: string[];
  help: boolean;
}

export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new WebUsageError(`${e instanceof Error ? e.message : String(e)}\n${WEB_USAGE}`);
  }
  const { values, positionals } = parsed;
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new WebUsageError('--port takes a number from 0 to 65535');
  const host = values.host ?? '127.0.0.1';
  if (!/^[0-9A-Za-z.:[\]-]{1,255}$/.test(host)) throw new WebUsageError('--host takes an address such as 127.0.0.1');
  return {
    port,
    host: host.replace(/^\[|\]$/g, ''),
    dataDir: values.data ? resolve(values.data) : defaultDataDir(env),
    files: positionals.map((f) => resolve(f)),
    help: values.help ?? false,
  };
}

/** Starts the host from command-line arguments; resolves once it listens (and prints its address). */
export async function runWeb(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<WebHost | null> {
  const args = parseWebArgs(argv);
  if (args.help) {
    out(WEB_USAGE);
    return null;
  }
  const root = appRoot();
  const host = await startWebHost({
    port: args.port,
    host: args.host,
    rendererDir: resolve(root, 'dist', 'renderer'),
    samplesDir: resolve(root, 'build', 'samples'),
    dataDir: args.dataDir,
    openPaths: args.files,
  });
  out(`Bitlens is at ${host.url}`);
  out('Open that address in a browser on this machine (the token in it is the key). Ctrl+C stops.');
  const stop = (): void => {
    void host.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return host;
}
