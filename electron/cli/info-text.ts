import type { MediaDocument } from '../../media/model/document-model.js';
import { summarize, summaryLines } from './diagnostics-summary.js';

/** `info` for people: one line for the file, one per track, then its problems (counts and the first errors). */
export function infoText(doc: MediaDocument, file: string): string {
  const duration = doc.tracks.reduce((m, t) => Math.max(m, t.durationSeconds), 0);
  const lines = [`${file}: ${doc.format}, ${doc.size} bytes, ${duration.toFixed(3)} s`];
  for (const t of doc.tracks) {
    const parts = [`#${t.id} ${t.kind}`, t.codec ? `${t.codecName} (${t.codec})` : t.codecName];
    if (t.width !== undefined) parts.push(`${t.width}x${t.height}`);
    if (t.frameRate) parts.push(`${(t.frameRate[0] / t.frameRate[1]).toFixed(3)} fps`);
    if (t.sampleRate !== undefined) parts.push(`${t.sampleRate} Hz`);
    if (t.channels !== undefined) parts.push(`${t.channels} ch`);
    parts.push(`${t.samples} samples (${t.keyframes} key)`, `${t.durationSeconds.toFixed(3)} s`, `timescale ${t.timescale}`);
    lines.push(`  ${parts.join(', ')}`);
  }
  lines.push(...summaryLines(summarize(doc)));
  return lines.join('\n');
}
