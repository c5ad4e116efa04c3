// The `bitlens` command (bin/bitlens.mjs runs the bundle of this file).
import { runCli } from './cli/run-cli.js';
import { standardOutput, watchStandardStreams } from './cli/output.js';

watchStandardStreams();
process.exitCode = await runCli(process.argv.slice(2), {
  out: standardOutput,
  err: (text) => void process.stderr.write(text),
  debug: process.env.BITLENS_DEBUG === '1',
});
