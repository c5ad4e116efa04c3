#!/usr/bin/env node
// Benchmarks: Bitlens and its peers (mp4box.js, ffprobe) on the same big files, with ratios.
console.log('no benchmarks yet');
