/** How the command line reports what stopped a command (electron/cli/failure.ts), and its streamed packet listing. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packetsJson, packetsJsonPieces } from '../../../electron/cli/document-json.js';
import { classify, report, whileReading } from '../../../electron/cli/failure.js';
import { openDocument } from '../../../electron/cli/open-document.js';
import { BULK } from '../../../media/model/types.js';
import { fixture, fixtureBytes } from '../../helpers/fixtures.js';
import { isoBoxes } from '../../helpers/mutations.js';
import { runBitlens } from '../../helpers/run-bitlens.js';

const dir = mkdtempSync(join(tmpdir(), 'bitlens-failure-'));

/** A real fault of code (reading a field of undefined), raised while "reading" `file`. */
function faultWhileReading(file: string): Promise<unknown> {
  const missing: { brands?: string[] } = {};
  return whileReading(file, async () => [...missing.brands!]).catch((e: unknown) => e);
}

describe('failure categories', () => {
  it('an internal error is one line naming the file, without the exception', async () => {
    const { status, lines } = report(classify(await faultWhileReading('clip.mp4')), false);
    expect(status).toBe(1);
    expect(lines).toEqual(['bitlens: internal error while reading clip.mp4 (please report; BITLENS_DEBUG=1 shows the details)']);
  });

  it('BITLENS_DEBUG adds the exception and its stack', async () => {
    const { lines } = report(classify(await faultWhileReading('clip.mp4')), true);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^TypeError: .*\n\s+at /);
  });

  it('an address in use is named, with why, in one line', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const r = await runBitlens('web', '--port', String(port), '--data', join(dir, 'web-data'));
      expect(r).toMatchObject({ code: 1, err: `bitlens: 127.0.0.1:${port}: the address is already in use\n` });
    } finally {
      taken.close();
    }
  });

  it('usage errors stay one line with exit 1', async () => {
    const r = await runBitlens('inspect', fixture('hevc.mp4'), '--sample', 'x');
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toMatch(/^bitlens: --sample takes a packet index[^\n]*\n$/);
  });

  it('--sample on a document without packets says it has none', async () => {
    const bytes = fixtureBytes('avc-baseline-aac.mp4');
    const moov = isoBoxes(bytes).find((b) => b.type === 'moov')!;
    new DataView(bytes.buffer).setUint32(moov.at, 0x10000020); // a moov too large to load: no tracks
    const file = join(dir, 'no-moov.mp4');
    writeFileSync(file, bytes);
    const r = await runBitlens('inspect', file, '--sample', '0');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`bitlens: ${file} has no packets; there is no packet 0\n`);
  });
});

describe('packets --json in pieces', () => {
  it('joined, the pieces are the one JSON text of the whole listing', async () => {
    const ts = fixtureBytes('segment.ts');
    const copies = 40; // over 5,000 packets: more than one piece
    const long = new Uint8Array(ts.length * copies);
    for (let i = 0; i < copies; i++) long.set(ts, i * ts.length);
    const file = join(dir, 'forty-segments.ts');
    writeFileSync(file, long);
    const doc = await openDocument(file, BULK);
    const pieces = [...packetsJsonPieces(doc)];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(`${JSON.stringify(packetsJson(doc))}\n`);
    const r = await runBitlens('packets', file, '--json');
    expect(r.out).toBe(pieces.join(''));
  });
});
