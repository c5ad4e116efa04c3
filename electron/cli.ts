// The `bitlens` command (bin/bitlens.mjs runs the bundle of this file).
import { classify, report } from './cli/failure.js';
import { line, standardOutput, watchStandardStreams } from './cli/output.js';
import { runCli } from './cli/run-cli.js';

const debug = process.env.BITLENS_DEBUG === '1';
const err = (text: string): void => void process.stderr.write(text);

// The servers (web, record, serve-rtmp) run on after their command returns: what escapes them later is
// reported by the same categories, never as Node's stack trace.
const escaped = (e: unknown): void => {
  const { status, lines } = report(classify(e), debug);
  for (const text of lines) err(line(text));
  process.exit(status);
};
process.on('uncaughtException', escaped);
process.on('unhandledRejection', escaped);

watchStandardStreams();
process.exitCode = await runCli(process.argv.slice(2), { out: standardOutput, err, debug });
