import { describe, expect, it } from 'vitest';
import { adtsFrameLengthAt } from '../../../media/codecs/aac/adts-header.js';
import { inspectPastedBytes } from '../../../media/paste.js';
import { AVC_SEQUENCE_HEADER, fixture, fromHex } from './helpers.js';
import { concatBytes as concat } from '../../../media/bits/concat-bytes.js';

const SPS = AVC_SEQUENCE_HEADER.subarray(13, 38);
const PPS = AVC_SEQUENCE_HEADER.subarray(41, 46);

/** FLV tags of avc-aac.flv: [start, end including PreviousTagSize). */
function flvTags(count: number): Uint8Array {
  const f = fixture('avc-aac.flv');
  let at = 13; // 9-byte FLV header + PreviousTagSize0
  for (let i = 0; i < count; i++) at += 11 + ((f[at + 1]! << 16) | (f[at + 2]! << 8) | f[at + 3]!) + 4;
  return f.subarray(13, at);
}

/** The hvcC body of hevc.mp4 (after its 8-byte box header). */
function hvccBody(): Uint8Array {
  const f = fixture('hevc.mp4');
  const at = Buffer.from(f).indexOf('hvcC') - 4;
  const size = (f[at]! << 24) | (f[at + 1]! << 16) | (f[at + 2]! << 8) | f[at + 3]!;
  return f.subarray(at + 8, at + size);
}

/** The first `n` frames of the ADTS fixture. */
function adtsFrames(n: number): Uint8Array {
  const f = fixture('aac-lc.adts.aac');
  let at = 0;
  for (let i = 0; i < n; i++) at += adtsFrameLengthAt(f, at);
  return f.subarray(0, at);
}

describe('recognising pasted bytes', () => {
  it('FLV tags: onMetaData, the AVC and the AAC sequence headers', () => {
    const r = inspectPastedBytes(flvTags(3));
    expect(r.guess).toBe('flv-tag');
    expect(r.tree.map((n) => n.title)).toEqual(['onMetaData', 'AVC sequence header', 'AAC sequence header']);
  });

  it('an FLV tag without its PreviousTagSize', () => {
    const tags = flvTags(2);
    expect(inspectPastedBytes(tags.subarray(0, tags.length - 4)).guess).toBe('flv-tag');
  });

  it('FLV tag bodies: video (AVC sequence header), audio (AAC sequence header, AAC raw), script', () => {
    expect(inspectPastedBytes(AVC_SEQUENCE_HEADER)).toMatchObject({ guess: 'flv-tag-body', variant: 'video' });
    const aac = inspectPastedBytes(fromHex('af 00 12 08')); // SoundFormat 10 / 44 kHz / 16-bit / stereo, AACPacketType 0, ASC: AAC LC, 44100 Hz, mono
    expect(aac).toMatchObject({ guess: 'flv-tag-body', variant: 'audio' });
    const frame = adtsFrames(2).subarray(adtsFrameLengthAt(fixture('aac-lc.adts.aac'), 0) + 7);
    expect(inspectPastedBytes(concat(fromHex('af 01'), frame))).toMatchObject({ guess: 'flv-tag-body', variant: 'audio' });
    const script = flvTags(1).subarray(11, -4);
    expect(inspectPastedBytes(script)).toMatchObject({ guess: 'flv-tag-body', variant: 'script' });
  });

  it('an FLV AVC NALU body: its length-prefixed units become children', () => {
    const body = concat(fromHex('27 01 000000'), fromHex('00000019'), SPS, fromHex('00000005'), PPS); // inter frame, NALU, cts 0
    const r = inspectPastedBytes(body);
    expect(r).toMatchObject({ guess: 'flv-tag-body', variant: 'video' });
    expect(r.tree[0]!.children.map((c) => c.name)).toEqual(['SPS', 'PPS']);
  });

  it('an avcC and an hvcC', () => {
    const avcc = inspectPastedBytes(AVC_SEQUENCE_HEADER.subarray(5));
    expect(avcc.guess).toBe('avcc');
    expect(avcc.tree[0]!.children.map((c) => c.name)).toEqual(['SPS', 'PPS']);
    const hvcc = inspectPastedBytes(hvccBody());
    expect(hvcc.guess).toBe('hvcc');
    expect(hvcc.tree[0]!.children.map((c) => c.name)).toEqual(['VPS', 'SPS', 'PPS', 'SEI']);
  });

  it('NAL units: H.264 with start codes, with 4-byte lengths, and one alone', () => {
    const annexB = inspectPastedBytes(concat(fromHex('00000001'), SPS, fromHex('000001'), PPS));
    expect(annexB).toMatchObject({ guess: 'nal', variant: 'H.264 Annex B (start codes)' });
    expect(annexB.tree.map((n) => [n.name, n.start, n.end])).toEqual([['SPS', 0, 29], ['PPS', 29, 37]]);
    expect(annexB.tree[0]!.fields[0]).toMatchObject({ name: 'zero_byte', bitOffset: 0 });
    const prefixed = inspectPastedBytes(concat(fromHex('00000019'), SPS, fromHex('00000005'), PPS));
    expect(prefixed).toMatchObject({ guess: 'nal', variant: 'H.264 with 4-byte lengths' });
    expect(prefixed.tree[1]!.fields[0]).toMatchObject({ name: 'NALUnitLength', value: 5, bitOffset: 29 * 8, bitLength: 32 });
    expect(inspectPastedBytes(SPS)).toMatchObject({ guess: 'nal', variant: 'one H.264 NAL unit' });
  });

  it('NAL units: HEVC parameter sets with start codes', () => {
    const hvcc = inspectPastedBytes(hvccBody());
    const units = hvcc.tree[0]!.children.slice(0, 3).map((n) => hvccBody().subarray(n.start, n.end)); // offsets count in the pasted record
    const r = inspectPastedBytes(concat(...units.flatMap((u) => [fromHex('00000001'), u])));
    expect(r).toMatchObject({ guess: 'nal', variant: 'HEVC Annex B (start codes)' });
    expect(r.tree.map((n) => n.name)).toEqual(['VPS', 'SPS', 'PPS']);
  });

  it('the start of the Annex B fixture, slices included', () => {
    const r = inspectPastedBytes(fixture('annexb.h264').subarray(0, 2000));
    expect(r.guess).toBe('nal');
    expect(r.tree.slice(0, 3).map((n) => n.name)).toEqual(['SPS', 'PPS', 'SEI']);
  });

  it('an AudioSpecificConfig', () => {
    const r = inspectPastedBytes(fromHex('12 10')); // audioObjectType 2, samplingFrequencyIndex 4, channelConfiguration 2, GASpecificConfig 000
    expect(r.guess).toBe('asc');
    expect(inspectPastedBytes(fromHex('12 11')).guess).toBe(null); // extensionFlag 1 then nothing: the reader cannot finish
  });

  it('ADTS frames', () => {
    const r = inspectPastedBytes(adtsFrames(3));
    expect(r.guess).toBe('adts');
    expect(r.tree).toHaveLength(3);
    const cut = inspectPastedBytes(adtsFrames(2).subarray(0, -5));
    expect(cut.guess).toBe('adts');
  });

  it('a raw AAC frame: read as mono when it starts with an SCE, with advice to make it playable', () => {
    const f = fixture('aac-lc.adts.aac');
    const first = adtsFrameLengthAt(f, 0);
    const unit = f.subarray(first + 7, first + adtsFrameLengthAt(f, first));
    const r = inspectPastedBytes(unit);
    expect(r).toMatchObject({ guess: 'raw-aac' });
    expect(r.notes.join('\n')).toContain('mono (channel_configuration 1)');
    expect(r.tree[0]!.diagnostics.map((d) => d.code)).toEqual(['raw-aac-without-adts']);
  });

  it('ISO-BMFF boxes, and a paste that ends inside the last box', () => {
    const mp4 = fixture('avc-baseline-aac.mp4');
    const r = inspectPastedBytes(mp4.subarray(0, 40));
    expect(r.guess).toBe('isobmff');
    expect(r.tree.map((n) => n.name)).toEqual(['ftyp', 'free']);
    const cut = inspectPastedBytes(mp4.subarray(0, 64));
    expect(cut.guess).toBe('isobmff');
    expect(cut.notes.join(' ')).toContain("'mdat' box at byte 40 is cut off");
  });

  it('--as reads the bytes as the type asked, and says when they do not validate', () => {
    const r = inspectPastedBytes(AVC_SEQUENCE_HEADER, { as: 'avcc' });
    expect(r).toMatchObject({ guess: 'avcc', forced: true });
    expect(r.tried).toEqual([{ type: 'avcc', variant: 'AVCDecoderConfigurationRecord', ok: false, reason: expect.stringContaining('configurationVersion 23') }]);
    expect(r.diagnostics[0]!.code).toBe('paste-forced-type');
    const asRaw = inspectPastedBytes(AVC_SEQUENCE_HEADER, { as: 'raw-aac' });
    expect(asRaw.guess).toBe('raw-aac');
    expect(asRaw.forced).toBeUndefined();
  });

  it('says what was tried and why each failed when nothing validates', () => {
    const r = inspectPastedBytes(fromHex('00 00 00 00 00 00 00 00'));
    expect(r.guess).toBe(null);
    expect(r.tree).toHaveLength(1);
    expect(r.tree[0]!.kind).toBe('bytes');
    expect(r.diagnostics[0]!.code).toBe('paste-not-recognised');
    expect(r.tried.length).toBeGreaterThan(15);
    expect(r.tried.every((t) => !t.ok && t.reason.length > 0)).toBe(true);
  });
});
