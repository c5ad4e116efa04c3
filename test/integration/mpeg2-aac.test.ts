// MPEG-2 AAC object type indications (esds objectTypeIndication 0x66, 0x67, 0x68, as Smooth Streaming servers
// write them) are AAC: the track says so, and remux and extract keep it, payloads bit for bit.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDocument } from '../../electron/cli/open-document.js';
import { runRemux } from '../../electron/cli/remux-command.js';
import { BULK } from '../../media/model/types.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { framemd5, tempDir } from '../helpers/record.js';

/** avc-baseline-aac.mp4 with its DecoderConfigDescriptor's objectTypeIndication changed from 0x40 (MPEG-4 audio). */
function withObjectType(oti: number, dir: string): string {
  const bytes = fixtureBytes('avc-baseline-aac.mp4');
  const esds = Buffer.from(bytes).indexOf('esds');
  const at = Buffer.from(bytes).indexOf(Buffer.from([0x40, 0x15]), esds); // objectTypeIndication, then streamType 5 (audio) << 2 | 1
  bytes[at] = oti;
  const file = join(dir, `aac-oti-${oti.toString(16)}.mp4`);
  writeFileSync(file, bytes);
  return file;
}

describe.each([0x66, 0x67, 0x68])('objectTypeIndication 0x%s', (oti) => {
  const dir = tempDir('bitlens-mpeg2aac-');
  const file = withObjectType(oti, dir);

  it('is an AAC track with its AudioSpecificConfig', async () => {
    const doc = await openDocument(file, BULK);
    expect(doc.tracks[1]).toMatchObject({ codecName: 'aac', codec: `mp4a.${oti.toString(16)}`, sampleRate: 44100, channels: 2 });
    expect(doc.samples!.descriptions[1]!.map((d) => d.codec)).toEqual(['mp4a.40.2']);
  });

  it('remuxes with the audio, its packets equal to the source', async () => {
    const out = join(dir, 'out.mp4');
    await runRemux([file, out]);
    const source = framemd5(file).frames.filter((f) => f.stream === 1);
    const remuxed = framemd5(out).frames.filter((f) => f.stream === 1);
    expect(remuxed.map((f) => f.md5)).toEqual(source.map((f) => f.md5));
    expect(remuxed.length).toBe(88);
  });
});
