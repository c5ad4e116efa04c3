// Every PMT entry of a transport stream is a track, decoded or not: audio split into frames by its own sync
// (AC-3/E-AC-3 syncframes, MPEG audio frames, LOAS, ADTS even when labelled MPEG audio), video split into access
// units wherever the PES packets begin,
// SCTE-35 one packet per section, timed ID3 one per PES; times continue across the 33-bit wrap; PES packets sent
// before the PAT/PMT belong to their streams; a PID in a file without any PMT is read as what its bytes show.
// Real files from other projects and edge cases, held to ffprobe.
import { describe, expect, it } from 'vitest';
import { openDocument } from '../../electron/cli/open-document.js';
import { BULK } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { fixture, fixtureBytes } from '../helpers/fixtures.js';
import { ffprobe, packetsOfStream } from '../helpers/ffprobe.js';
import { asSpecified } from '../helpers/ffprobe-conventions.js';
import { tsPacketSize } from '../../media/formats/mpegts/mpegts-format.js';

const FILES = ['mbny-no-initial-keyframe.ts', 'mbny-ac3.ts', 'mbny-eac3-system-b.ts', 'mbrts-scte35.ts', 'vhs-id3.ts', 'mbrts-rollover.ts', 'latm.ts', 'mp2.ts', 'aac-as-mpeg2audio.ts', 'pmt-after-pes.ts', 'dvbsub-rs204.ts', 'dvbsub-no-pmt.ts', 'teletext-no-pmt.ts'];
/**
 * ADTS signals the core rate of HE-AAC with implicit SBR (mbny-no-initial-keyframe.ts): ffprobe reports the SBR
 * output rate it finds by decoding, which Bitlens does not do. Its packets are compared all the same.
 */
const comparesRate = (name: string): boolean => name !== 'mbny-no-initial-keyframe.ts';

describe.each(FILES)('%s agrees with ffprobe', (name) => {
  const file = fixture(name);
  const truth = ffprobe(file);

  it('has a track for every stream, named and described as ffprobe names them', async () => {
    const doc = await openDocument(file, BULK);
    expect(doc.tracks.map((t) => [t.id, t.codecName])).toEqual(truth.streams.map((s) => [Number(s.id), s.codec_name]));
    doc.tracks.forEach((track, t) => {
      const s = truth.streams[t]!;
      if (s.codec_type !== 'audio' || !comparesRate(name)) return;
      expect([track.kind, track.sampleRate, track.channels]).toEqual(['audio', Number(s.sample_rate), s.channels]);
    });
  });

  it('on every packet: count, size, position, PTS/DTS and keyframe', async () => {
    const doc = await openDocument(file, BULK);
    const p = doc.packets;
    const packetSize = tsPacketSize(fixtureBytes(name).subarray(0, 4096));
    doc.tracks.forEach((track, t) => {
      const theirs = packetsOfStream(truth, t);
      const ours = [...Array(p.count).keys()].filter((i) => p.track[i] === t);
      expect(ours.length, `${track.codecName} packets`).toBe(theirs.length);
      theirs.forEach((them, k) => {
        const i = ours[k]!;
        const where = `${track.codecName} packet ${k}`;
        const spec = asSpecified(track.codecName, them, packetSize);
        if (spec.size !== undefined) expect(p.size[i], `${where} size`).toBe(spec.size);
        if (spec.pos !== undefined) expect(p.offset[i], `${where} pos`).toBe(spec.pos);
        if (spec.times && them.pts !== undefined) expect(p.pts[i], `${where} pts`).toBe(them.pts);
        if (spec.times && them.dts !== undefined) expect(p.dts[i], `${where} dts`).toBe(them.dts);
        expect(p.keyframe[i] === 1, `${where} keyframe`).toBe(them.flags.startsWith('K'));
      });
    });
  });
});

describe('syncframes in transport streams', () => {
  it('read whole and pass their CRC in both AC-3 and E-AC-3 files', async () => {
    for (const name of ['mbny-ac3.ts', 'mbny-eac3-system-b.ts']) {
      const doc = await openDocument(fixture(name), { record: true, maxEntries: 100 });
      const codes = JSON.stringify(doc.tree).match(/"code":"ac3-[a-z-]+"/g) ?? [];
      expect(codes, name).toEqual([]);
    }
  });

  it('open from the sample table into the syncframe and its bsi', async () => {
    const doc = await openDocument(fixture('mbny-eac3-system-b.ts'), BULK);
    const bytes = fixtureBytes('mbny-eac3-system-b.ts');
    const nodes = await doc.samples!.expand!(3, new MemorySource(bytes), { record: true, maxEntries: 100 });
    expect(nodes.map((n) => n.name)).toEqual(['syncframe']);
    const frame = nodes[0]!;
    expect([bytes[frame.start], bytes[frame.start + 1]]).toEqual([0x0b, 0x77]);
    const bsi = frame.children[0]!;
    const names = bsi.fields.map((f) => f.name);
    expect(names.slice(0, 8)).toEqual(['syncword', 'strmtyp', 'substreamid', 'frmsiz', 'fscod', 'numblkscod', 'acmod', 'lfeon']);
    expect(bsi.fields.find((f) => f.name === 'bsid')?.value).toBe(16);
    expect(frame.fields.map((f) => f.name)).toEqual(['audblk_auxdata', 'crcrsv', 'crc2']);
  });
});

describe('LOAS frames', () => {
  it('open into their StreamMuxConfig and AudioSpecificConfig', async () => {
    const doc = await openDocument(fixture('latm.ts'), BULK);
    expect(doc.tracks[0]).toMatchObject({ codecName: 'aac_latm', codec: 'mp4a.40.2', sampleRate: 44100, channels: 1 });
    const nodes = await doc.samples!.expand!(0, new MemorySource(fixtureBytes('latm.ts')), { record: true, maxEntries: 100 });
    const names = (fields: readonly { name: string; fields?: unknown[] }[]): string[] => fields.flatMap((f) => [f.name, ...names((f.fields ?? []) as typeof fields)]);
    expect(names(nodes[0]!.fields)).toEqual(expect.arrayContaining(['syncword', 'audioMuxLengthBytes', 'useSameStreamMux', 'audioMuxVersion', 'audioObjectType', 'samplingFrequencyIndex', 'frameLengthType', 'latmBufferFullness']));
  });
});

describe('the 33-bit wrap', () => {
  it('keeps time continuous across it, and a wrapping PCR is not a clock going back', async () => {
    const doc = await openDocument(fixture('mbrts-rollover.ts'), { record: true, maxEntries: 100 });
    expect(doc.tracks[0]!.durationSeconds).toBe(20);
    expect(JSON.stringify(doc.tree)).not.toContain('ts-pcr-backwards');
  });
});
