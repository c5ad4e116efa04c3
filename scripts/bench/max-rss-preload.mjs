// Preloaded with `node --import` when /usr/bin/time is missing: the child reports its own
// peak resident set size on exit. Pipes are synchronous on Linux, so the line is not lost.
process.on('exit', () => {
  process.stderr.write(`\nbench-max-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
