import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE, BULK, type Diagnostic, type Node } from '../../../../media/model/types.js';
import { readRawDataBlock } from '../../../../media/codecs/aac/raw-data-block.js';
import type { RawAacContext } from '../../../../media/codecs/aac/ics-info.js';
import { BitWriter } from '../../../helpers/bit-writer.js';
import { findField } from '../../../helpers/fields.js';

const LC_44K_MONO: RawAacContext = { audioObjectType: 2, samplingFrequencyIndex: 4, channelConfiguration: 1 };

function walk(bytes: Uint8Array, ctx: RawAacContext = LC_44K_MONO, base = 0) {
  const r = FieldReader.at(bytes, base, ANNOTATE);
  const diags: Diagnostic[] = [];
  const block = readRawDataBlock(r, ctx, diags);
  return { block, diags, r };
}

const fieldsOf = (n: Node | undefined): string[] => (n?.fields ?? []).map((f) => f.name);
/** An SCE with a long window: id, tag, global_gain, ics_info, one section covering max_sfb bands. */
function sce(maxSfb: number, gain = 100): BitWriter {
  return new BitWriter()
    .u(3, 0) // id_syn_ele = SCE
    .u(4, 0) // element_instance_tag = 0
    .u(8, gain) // global_gain
    .u(1, 0) // ics_reserved_bit
    .u(2, 0) // window_sequence = ONLY_LONG_SEQUENCE
    .u(1, 1) // window_shape = KBD
    .u(6, maxSfb) // max_sfb
    .u(1, 0) // predictor_data_present
    .u(4, 11) // sect_cb = ESC_HCB
    .u(5, maxSfb); // sect_len_incr = max_sfb (below the escape value 31)
}

describe('readRawDataBlock', () => {
  it('reads an SCE up to its section_data and marks the rest as not decoded', () => {
    const bytes = sce(20).u(16, 0xabcd).bytes();
    const { block, diags } = walk(bytes, LC_44K_MONO, 100);
    expect(diags).toEqual([]);
    expect(block.elements).toHaveLength(1);
    expect(block.elements[0]).toMatchObject({ name: 'SCE', instanceTag: 0, globalGain: 100, sectionsOk: true, ics: { windowSequence: 0, maxSfb: 20, numWindowGroups: 1 } });
    const node = block.nodes[0]!;
    expect(node).toMatchObject({ kind: 'element', name: 'SCE', title: 'single_channel_element', start: 100 });
    expect(fieldsOf(node)).toEqual(['id_syn_ele', 'element_instance_tag', 'global_gain', 'ics_info', 'section_data', 'remaining_data']);
    expect(findField(node.fields, 'max_sfb')).toMatchObject({ bitOffset: 800 + 19, bitLength: 6, value: 20 });
    expect(node.end).toBe(100 + bytes.length);
  });

  it('reads a CPE with a common short window, grouping and ms_used', () => {
    const w = new BitWriter()
      .u(3, 1) // id_syn_ele = CPE
      .u(4, 2) // element_instance_tag = 2
      .u(1, 1) // common_window
      .u(1, 0) // ics_reserved_bit
      .u(2, 2) // window_sequence = EIGHT_SHORT_SEQUENCE
      .u(1, 0) // window_shape
      .u(4, 10) // max_sfb = 10 (short windows at 44.1 kHz have 14 bands)
      .u(7, 0b1011011) // scale_factor_grouping: two 0 bits -> 3 window groups
      .u(2, 1) // ms_mask_present = 1: ms_used per group and band
      .u(30, 0) // ms_used: 3 groups x 10 bands
      .u(8, 120); // global_gain of the first channel
    for (let g = 0; g < 3; g++) w.u(4, 1).u(3, 7).u(3, 3); // sect_cb 1, sect_len_incr 7 (escape) + 3 = 10 bands
    const { block, diags } = walk(w.u(8, 0).bytes(), { ...LC_44K_MONO, channelConfiguration: 2 });
    expect(diags).toEqual([]);
    expect(block.elements[0]).toMatchObject({ name: 'CPE', instanceTag: 2, commonWindow: true, globalGain: 120, sectionsOk: true, ics: { windowSequence: 2, maxSfb: 10, numWindowGroups: 3 } });
  });

  it('reads a DSE and a FIL whole, then the channel element after them', () => {
    const one = new BitWriter()
      .u(3, 4) // id_syn_ele = DSE
      .u(4, 0) // element_instance_tag
      .u(1, 1) // data_byte_align_flag
      .u(8, 2) // count = 2
      .u(8, 0x41).u(8, 0x42) // data_stream_byte x 2 (already aligned: 3+4+1+8 = 16 bits)
      .u(3, 6) // id_syn_ele = FIL
      .u(4, 3) // count = 3
      .u(4, 0) // extension_type = EXT_FILL
      .u(20, 0) // the rest of the 3 bytes
      .u(3, 0).u(4, 0) // id_syn_ele = SCE, element_instance_tag 0
      .u(8, 90) // global_gain = 90
      .u(1, 0).u(2, 0).u(1, 0).u(6, 5).u(1, 0) // ics_info: long window, max_sfb 5, no predictor
      .u(4, 1).u(5, 5) // section_data: codebook 1 over 5 bands
      .u(8, 0);
    const { block, diags } = walk(one.bytes());
    expect(diags).toEqual([]);
    expect(block.elements.map((e) => e.name)).toEqual(['DSE', 'FIL', 'SCE']);
    expect(block.elements[0]!.count).toBe(2);
    expect(block.elements[1]!.count).toBe(3);
    expect(block.elements[2]!.globalGain).toBe(90);
  });

  it('reads a program_config_element fully and counts its channels', () => {
    const w = new BitWriter()
      .u(3, 5) // id_syn_ele = PCE
      .u(4, 0) // element_instance_tag
      .u(2, 1) // object_type = LC
      .u(4, 3) // sampling_frequency_index = 48000
      .u(4, 2) // num_front_channel_elements
      .u(4, 0) // num_side_channel_elements
      .u(4, 1) // num_back_channel_elements
      .u(2, 1) // num_lfe_channel_elements
      .u(3, 0) // num_assoc_data_elements
      .u(4, 0) // num_valid_cc_elements
      .u(1, 0).u(1, 0).u(1, 0) // no mono/stereo/matrix mixdown
      .u(1, 0).u(4, 0) // front 0: SCE tag 0
      .u(1, 1).u(4, 0) // front 1: CPE tag 0
      .u(1, 1).u(4, 1) // back 0: CPE tag 1
      .u(4, 0); // lfe tag 0 -> 56 bits: already byte-aligned, so byte_alignment() reads nothing
    w.u(8, 2).u(8, 0x68).u(8, 0x69); // comment_field_bytes = 2, "hi"
    w.u(3, 7); // id_syn_ele = END
    const { block, diags } = walk(w.bytes(), { ...LC_44K_MONO, channelConfiguration: 0 });
    expect(diags).toEqual([]);
    expect(block.reachedEnd).toBe(true);
    expect(block.elements.map((e) => e.name)).toEqual(['PCE', 'END']);
    expect(block.elements[0]!.pce).toMatchObject({ front: 2, back: 1, lfe: 1, channels: 6, comment: 'hi', samplingFrequencyIndex: 3 });
  });

  it('decodes the fixture frame: a FIL with the encoder name, then an SCE', () => {
    const file = new Uint8Array(readFileSync('test/fixtures/aac-lc.adts.aac'));
    const { block, diags } = walk(file.subarray(7, 287), LC_44K_MONO, 7);
    expect(diags).toEqual([]);
    expect(block.elements.map((e) => e.name)).toEqual(['FIL', 'SCE']);
    expect(block.elements[1]!.sectionsOk).toBe(true);
  });

  it('reports values the syntax forbids', () => {
    const tooMany = walk(sce(60).u(8, 0).bytes()); // 60 > 49 long-window bands at 44.1 kHz
    expect(tooMany.diags.map((d) => d.code)).toContain('aac-max-sfb-too-large');
    const reserved = walk(new BitWriter().u(3, 0).u(4, 0).u(8, 100).u(1, 1).u(2, 0).u(1, 0).u(6, 3).u(1, 0).u(4, 1).u(5, 3).bytes());
    expect(reserved.diags.map((d) => d.code)).toEqual(['aac-ics-reserved-bit-set']);
    const predictor = walk(new BitWriter().u(3, 0).u(4, 0).u(8, 100).u(1, 0).u(2, 0).u(1, 0).u(6, 3).u(1, 1).u(4, 1).u(5, 3).bytes());
    expect(predictor.diags.map((d) => d.code)).toEqual(['aac-predictor-not-allowed']);
    const cb12 = walk(new BitWriter().u(3, 0).u(4, 0).u(8, 100).u(1, 0).u(2, 0).u(1, 0).u(6, 3).u(1, 0).u(4, 12).u(5, 3).bytes());
    expect(cb12.diags.map((d) => d.code)).toEqual(['aac-bad-section-codebook']);
    const overrun = walk(new BitWriter().u(3, 0).u(4, 0).u(8, 100).u(1, 0).u(2, 0).u(1, 0).u(6, 3).u(1, 0).u(4, 1).u(5, 4).bytes());
    expect(overrun.diags.map((d) => d.code)).toEqual(['aac-section-overruns-max-sfb']);
  });

  it('reports a truncated element without throwing', () => {
    const { block, diags } = walk(new Uint8Array([0x00, 0x0c])); // SCE, tag 0, global_gain cut after 9 bits
    expect(block.truncated).toBe(true);
    expect(diags.map((d) => d.code)).toEqual(['aac-element-truncated']);
  });

  it('runs without recording (bulk) with the same result', () => {
    const bytes = sce(20).u(16, 0).bytes();
    const r = new FieldReader(bytes, BULK);
    const block = readRawDataBlock(r, LC_44K_MONO, []);
    expect(block.elements[0]!.globalGain).toBe(100);
    expect(block.nodes[0]!.fields).toEqual([]);
  });
});
