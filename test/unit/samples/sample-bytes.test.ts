import { describe, expect, it } from 'vitest';
import { AvcParameterSets } from '../../../media/codecs/avc/parameter-sets.js';
import type { AudioConfigData } from '../../../media/codecs/config-data.js';
import { ANNOTATE, BULK } from '../../../media/model/types.js';
import { expandAacSample } from '../../../media/samples/aac-sample.js';
import { expandNalSample } from '../../../media/samples/nal-sample.js';

const avc = () => ({ codec: 'h264', sets: new AvcParameterSets() }) as const;

describe('expandNalSample', () => {
  it('reads each NALUnitLength at its bits, then the unit after it', () => {
    const sample = new Uint8Array([
      0x00, 0x02, // NALUnitLength = 2 (lengthSize 2)
      0x09, // forbidden_zero_bit 0, nal_ref_idc 0, nal_unit_type 9 (access unit delimiter)
      0xf0, // primary_pic_type 7, rbsp_stop_one_bit, 4 alignment zero bits
      0x00, 0x01, // NALUnitLength = 1
      0x0c, // nal_unit_type 12 (filler data), nothing after the header
    ]);
    const { nodes, diagnostics } = expandNalSample(sample, 1000, 2, avc(), ANNOTATE);
    expect(diagnostics).toEqual([]);
    expect(nodes.map((n) => [n.name, n.start, n.end])).toEqual([['AUD', 1000, 1004], ['filler', 1004, 1007]]);
    const [aud] = nodes;
    expect(aud!.fields[0]).toMatchObject({ name: 'NALUnitLength', bitOffset: 8000, bitLength: 16, value: 2 });
    expect(aud!.fields.find((f) => f.name === 'nal_unit_type')).toMatchObject({ bitOffset: 1002 * 8 + 3, bitLength: 5, value: 9 });
    expect(aud!.fields.find((f) => f.name === 'primary_pic_type')).toMatchObject({ bitOffset: 1003 * 8, bitLength: 3, value: 7 });
  });

  it('a length past the end, a zero length and a cut length field are diagnostics where they are', () => {
    const sample = new Uint8Array([
      0x00, 0x00, // NALUnitLength = 0: an empty unit
      0x00, 0x09, // NALUnitLength = 9, but only 2 bytes follow
      0x09, 0xf0, // access unit delimiter
    ]);
    const { nodes, diagnostics } = expandNalSample(sample, 0, 2, avc(), ANNOTATE);
    expect(diagnostics.map((d) => [d.code, d.start])).toEqual([['empty-nal-unit', 0]]);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.diagnostics[0]).toMatchObject({ code: 'nal-length-exceeds-sample', start: 2, end: 6 });
    expect(nodes[0]!.end).toBe(6);

    const cut = expandNalSample(new Uint8Array([0x00, 0x01, 0x09, 0x00, 0x00]), 0, 4, avc(), BULK); // NALUnitLength = 0x00010900 (4-byte field), 1 byte after it
    expect(cut.nodes).toHaveLength(1);
    expect(cut.nodes[0]!.diagnostics.map((d) => d.code)).toContain('nal-length-exceeds-sample');
    expect(expandNalSample(new Uint8Array([0x00, 0x00]), 0, 4, avc(), BULK).diagnostics.map((d) => d.code)).toEqual(['truncated-nal-length']);
  });

  it('a length size that is not 1 to 4 is refused with a diagnostic', () => {
    expect(expandNalSample(new Uint8Array([1, 2, 3]), 0, 0, avc(), BULK).diagnostics.map((d) => d.code)).toEqual(['bad-length-size']);
  });
});

const mono: AudioConfigData = { audioObjectType: 2, samplingFrequency: 44100, channelConfiguration: 1, raw: new Uint8Array([0x12, 0x08]) };

describe('expandAacSample', () => {
  it('reads the elements with the AudioSpecificConfig as context and checks the channel layout', () => {
    const au = new Uint8Array([
      0x20, // id_syn_ele 1 (CPE), element_instance_tag 0, common_window 0
      0x80, // global_gain 128
      0x00, // ics_reserved_bit 0, window_sequence 0 (ONLY_LONG), window_shape 0, max_sfb 0 (first 4 bits)
      0x00, // max_sfb (last 2 bits), predictor_data_present 0, no sections (max_sfb 0), padding
    ]);
    const { nodes, diagnostics } = expandAacSample(au, 500, mono, ANNOTATE);
    expect(diagnostics).toEqual([]);
    expect(nodes.map((n) => n.name)).toEqual(['CPE']);
    expect(nodes[0]!.fields[0]).toMatchObject({ name: 'id_syn_ele', bitOffset: 4000, bitLength: 3, value: 1 });
    // channel_configuration 1 is one SCE: a CPE first is worth a warning.
    expect(nodes[0]!.diagnostics.map((d) => d.code)).toEqual(['aac-element-vs-channel-configuration']);
  });

  it('without a config it reads as AAC LC and says so; ER object types are not read', () => {
    const end = new Uint8Array([0xe0]); // id_syn_ele 7 (END)
    const plain = expandAacSample(end, 0, undefined, BULK);
    expect(plain.nodes.map((n) => n.name)).toEqual(['END']);
    expect(plain.diagnostics.map((d) => d.code)).toEqual(['no-audio-specific-config']);
    const erLd = expandAacSample(end, 0, { ...mono, audioObjectType: 23 }, BULK);
    expect(erLd.nodes).toEqual([]);
    expect(erLd.diagnostics.map((d) => d.code)).toEqual(['aac-elements-not-read']);
  });

  it('an access unit cut inside an element is a diagnostic on it', () => {
    const { nodes } = expandAacSample(new Uint8Array([0x00]), 0, mono, ANNOTATE); // SCE, then the bytes end
    expect(nodes[0]!.diagnostics.map((d) => d.code)).toEqual(['aac-element-truncated']);
  });
});
