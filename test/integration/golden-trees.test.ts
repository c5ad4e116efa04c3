import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDocument } from '../../electron/cli/open-document.js';
import { inspectJson } from '../../electron/cli/document-json.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * The annotated tree of every corpus file, kept as reviewed JSON. Only UPDATE_GOLDEN=1 rewrites them;
 * a change in a parser shows up as a diff of these files.
 */
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');
/** Tables are cut to this many entries so the files stay reviewable. */
const MAX_ENTRIES = 12;

/** Indented JSON with each field on one line: a reviewable diff per changed field. */
function goldenText(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => indent + ' ' + goldenText(v, indent + ' ')).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    if ('bitOffset' in value || 'severity' in value) return JSON.stringify(value);
    const entries = Object.entries(value).map(([k, v]) => `${indent} ${JSON.stringify(k)}: ${goldenText(v, indent + ' ')}`);
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const CORPUS = ['avc-baseline-aac.mp4', 'avc-high-bframes-faststart.mp4', 'avc-main-aac-fragmented.mp4', 'smooth.ismv', 'smooth-audio.isma', 'hevc.mp4', 'quicktime-aac.mov', 'avc-aac.flv', 'avc-high-bframes.flv', 'aac-lc.adts.aac', 'annexb.h264', 'hevc-annexb.hevc', 'segment.ts'];

describe.each(CORPUS)('golden tree of %s', (name) => {
  it('matches the reviewed annotation', async () => {
    const doc = await openDocument(fixture(name), { record: true, maxEntries: MAX_ENTRIES });
    const actual = inspectJson(doc, name);
    const file = join(GOLDEN, doc.format, `${name}.json`);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${goldenText(actual)}\n`);
      return;
    }
    expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/integration/golden-trees.test.ts and review it`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});
