import { describe, expect, it } from 'vitest';
import { type AvcNalData, readAvcNalUnit } from '../../../media/codecs/avc/nal-unit.js';
import { AvcParameterSets } from '../../../media/codecs/avc/parameter-sets.js';
import { ANNOTATE } from '../../../media/model/types.js';
import { decodePastedText } from '../../../media/paste.js';
import { AVC_SEQUENCE_HEADER, fieldOf, hex, snippetText } from './helpers.js';

/** The questions in test/fixtures/snippets, as their askers pasted them (see the corpus README). */
describe('the pasted snippets', () => {
  describe('flv-avc-sequence-header: where are the SPS and the PPS?', () => {
    const r = decodePastedText(snippetText('flv-avc-sequence-header'));
    const tag = r.tree[0]!;
    const [sps, pps] = tag.children;

    it('is read as a JS array and recognised as a video tag body holding an AVC sequence header', () => {
      expect(r.encoding).toBe('c-array');
      expect(hex(r.bytes)).toBe(hex(AVC_SEQUENCE_HEADER));
      expect(r).toMatchObject({ guess: 'flv-tag-body', variant: 'video' });
      expect(tag.title).toBe('AVC sequence header (tag body)');
      expect(tag.fields.slice(0, 4).map((f) => [f.name, f.value, f.bitOffset, f.bitLength])).toEqual([
        ['FrameType', 1, 0, 4], ['CodecID', 7, 4, 4], ['AVCPacketType', 0, 8, 8], ['CompositionTime', 0, 16, 24],
      ]);
    });

    it('finds the SPS at bytes 13 to 38 and the PPS at 41 to 46, after their lengths', () => {
      expect([sps!.name, sps!.start, sps!.end]).toEqual(['SPS', 13, 38]);
      expect([pps!.name, pps!.start, pps!.end]).toEqual(['PPS', 41, 46]);
      expect(fieldOf(tag, 'sequenceParameterSetLength')).toMatchObject({ value: 25, bitOffset: 11 * 8, bitLength: 16 });
      expect(fieldOf(tag, 'pictureParameterSetLength')).toMatchObject({ value: 5, bitOffset: 39 * 8, bitLength: 16 });
      expect(tag.children.every((c) => c.diagnostics.length === 0)).toBe(true);
    });

    it('decodes every SPS field at its bits in the paste: the same fields the H.264 reader gives for the unit', () => {
      const direct = readAvcNalUnit(AVC_SEQUENCE_HEADER.subarray(13, 38), 13, ANNOTATE, new AvcParameterSets());
      expect(sps!.fields).toEqual(direct.fields);
      expect(sps!.fields.length).toBeGreaterThan(30);
      expect((sps!.data as AvcNalData).sps).toMatchObject({ profileIdc: 66, levelIdc: 31, width: 640, height: 360 });
      expect(fieldOf(sps!, 'profile_idc')).toMatchObject({ value: 66, bitOffset: 14 * 8, bitLength: 8 });
      expect(fieldOf(sps!, 'level_idc')).toMatchObject({ value: 31, bitOffset: 16 * 8, bitLength: 8 });
      expect(fieldOf(sps!, 'pic_width_in_mbs_minus1')).toMatchObject({ value: 39 });
      expect(fieldOf(sps!, 'frame_crop_bottom_offset')).toMatchObject({ value: 4, bitOffset: 22 * 8 + 3, bitLength: 5 });
    });

    it('places num_units_in_tick and time_scale across the emulation prevention bytes, with their own bits', () => {
      // Byte 26 and byte 31 of the paste are 0x03: each field spans 40 bits of the paste, 32 of them its own.
      expect(fieldOf(sps!, 'num_units_in_tick')).toMatchObject({ value: 1, bitOffset: 23 * 8 + 6, bitLength: 40, ownBits: 32 });
      expect(fieldOf(sps!, 'time_scale')).toMatchObject({ value: 48, bitOffset: 28 * 8 + 6, bitLength: 40, ownBits: 32 });
      const epb = sps!.fields.filter((f) => f.name === 'emulation_prevention_three_byte').map((f) => f.bitOffset / 8);
      expect(epb).toEqual([26, 31]);
    });

    it('decodes the PPS against the SPS', () => {
      expect(fieldOf(pps!, 'pic_parameter_set_id')).toMatchObject({ value: 0, bitOffset: 42 * 8 });
      expect(fieldOf(pps!, 'seq_parameter_set_id')).toMatchObject({ value: 0 });
    });
  });

  describe('smooth-streaming-raw-aac: what format is this?', () => {
    const r = decodePastedText(snippetText('smooth-streaming-raw-aac'));

    it('is a raw AAC frame with no ADTS header, read as stereo AAC-LC', () => {
      expect(r.encoding).toBe('c-array');
      expect(r.size).toBe(128);
      expect(r.guess).toBe('raw-aac');
      expect(r.tried.filter((t) => t.ok).map((t) => t.type)).toEqual(['raw-aac']);
      expect(r.tried.find((t) => t.type === 'adts')!.reason).toBe('no ADTS syncword (0xFFF) at byte 0');
      const frame = r.tree[0]!;
      expect(frame.children[0]!.name).toBe('CPE');
      expect(fieldOf(frame.children[0]!, 'id_syn_ele')).toMatchObject({ value: 1, bitOffset: 0, bitLength: 3 });
      expect(r.notes.join('\n')).toContain('stereo (channel_configuration 2)');
      expect(r.notes.join('\n')).toContain('44100 Hz and 48000 Hz are the same');
    });

    it('says what would make it playable: ADTS headers from the AudioSpecificConfig', () => {
      const advice = r.tree[0]!.diagnostics.find((d) => d.code === 'raw-aac-without-adts')!;
      expect(advice.severity).toBe('info');
      expect(advice.message).toContain('ADTS header');
      expect(advice.message).toContain('AudioSpecificConfig');
      expect(advice.message).toContain('bitlens extract FILE --track N out.aac');
      // 128 + 7 = 135 bytes: aac_frame_length 135, profile LC, index 4 (44.1 kHz), channel_configuration 2.
      expect(advice.message).toContain('FF F1 50 80 10 FF FC at 44.1 kHz');
    });
  });

  describe('not media: recognised as nothing, with the reasons', () => {
    it('the USB Audio Class configuration descriptor', () => {
      const r = decodePastedText(snippetText('usb-audio-config-descriptor'));
      expect(r.encoding).toBe('c-array');
      expect(r.size).toBe(180);
      expect(r.bytes[0]).toBe(0x09); // bLength: the comment's 0xC0 and 0x00C0 were not read as bytes
      expect(r.guess).toBe(null);
      expect(r.tried.every((t) => !t.ok)).toBe(true);
      expect(r.tried.find((t) => t.type === 'flv-tag')!.reason).toBe('StreamID is 16386308, not 0');
      expect(r.tree[0]!.kind).toBe('bytes');
      expect(r.diagnostics.map((d) => d.code)).toEqual(['paste-not-recognised']);
    });

    it('the smart-card APDU exchange', () => {
      const r = decodePastedText(snippetText('apdu-exchange'));
      expect(r.encoding).toBe('hex');
      expect(hex(r.bytes)).toBe('ffa4000001056e0000c000000b6700ff30000305010000000a01');
      expect(r.guess).toBe(null);
      expect(r.tried.every((t) => !t.ok && t.reason !== '')).toBe(true);
    });
  });
});
