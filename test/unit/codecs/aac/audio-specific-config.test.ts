import { describe, expect, it } from 'vitest';
import { OutOfData } from '../../../../media/bits/errors.js';
import { readAudioSpecificConfig } from '../../../../media/codecs/aac/audio-specific-config.js';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE, BULK } from '../../../../media/model/types.js';
import { bits } from '../../../helpers/bytes.js';
import { findField } from '../../../helpers/fields.js';

function read(bytes: Uint8Array | number[], base = 0) {
  const r = FieldReader.at(Uint8Array.from(bytes), base, ANNOTATE);
  const result = readAudioSpecificConfig(r);
  return { ...result, fields: r.fields, r };
}

describe('AudioSpecificConfig', () => {
  it('reads AAC-LC 44.1 kHz mono (0x12 0x08)', () => {
    const { data, fields, diagnostics } = read(
      Uint8Array.from([
        0x12, // 00010 audioObjectType = 2 (AAC LC), 010.. samplingFrequencyIndex high bits
        0x08, // ..0 samplingFrequencyIndex = 4 (44100), 0001 channelConfiguration = 1, 0 frameLengthFlag, 0 dependsOnCoreCoder, 0 extensionFlag
      ]),
      1000,
    );
    expect(diagnostics).toEqual([]);
    expect(data).toMatchObject({ audioObjectType: 2, coreAudioObjectType: 2, samplingFrequency: 44100, channelConfiguration: 1 });
    expect(data.sbr).toBeUndefined();
    expect(findField(fields, 'audioObjectType')).toMatchObject({ value: 2, display: 'AAC LC', bitOffset: 8000, bitLength: 5 });
    expect(findField(fields, 'samplingFrequencyIndex')).toMatchObject({ value: 4, display: '44100 Hz', bitOffset: 8005, bitLength: 4 });
    expect(findField(fields, 'channelConfiguration')).toMatchObject({ value: 1, bitOffset: 8009, bitLength: 4 });
    expect(findField(fields, 'channelConfiguration')?.display).toContain('1 channel');
    expect(findField(fields, 'frameLengthFlag')?.value).toBe(0);
    expect(findField(fields, 'extensionFlag')?.value).toBe(false);
    expect(Array.from(data.raw)).toEqual([0x12, 0x08]);
  });

  it('reads explicit SBR signalling (object type 5, HE-AAC)', () => {
    const { data, fields, diagnostics } = read(
      bits(
        '00101' + // audioObjectType = 5 (SBR)
          '0110' + // samplingFrequencyIndex = 6 (24000: the core rate)
          '0010' + // channelConfiguration = 2
          '0011' + // extensionSamplingFrequencyIndex = 3 (48000: the SBR output rate)
          '00010' + // audioObjectType = 2 (the core: AAC LC)
          '0 0 0', // GASpecificConfig: frameLengthFlag, dependsOnCoreCoder, extensionFlag
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(data).toMatchObject({ audioObjectType: 5, coreAudioObjectType: 2, samplingFrequency: 24000, extensionSamplingFrequency: 48000, channelConfiguration: 2, sbr: true });
    expect(data.ps).toBeUndefined();
    expect(findField(fields, 'audioObjectType')?.display).toBe('SBR (HE-AAC)');
    expect(fields.filter((f) => f.name === 'audioObjectType').map((f) => f.value)).toEqual([5, 2]);
    expect(findField(fields, 'extensionSamplingFrequencyIndex')).toMatchObject({ value: 3, display: '48000 Hz', bitOffset: 13 });
    // With explicit signalling the sync extension is not looked for.
    expect(findField(fields, 'syncExtensionType')).toBeUndefined();
  });

  it('reads explicit PS signalling (object type 29, HE-AAC v2)', () => {
    const { data, diagnostics } = read(
      bits(
        '11101' + // audioObjectType = 29 (PS)
          '0110' + // samplingFrequencyIndex = 6 (24000)
          '0001' + // channelConfiguration = 1 (PS: a mono core)
          '0011' + // extensionSamplingFrequencyIndex = 3 (48000)
          '00010' + // audioObjectType = 2 (AAC LC)
          '000', // GASpecificConfig flags
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(data).toMatchObject({ audioObjectType: 29, coreAudioObjectType: 2, sbr: true, ps: true, samplingFrequency: 24000, extensionSamplingFrequency: 48000, channelConfiguration: 1 });
  });

  it('reads the escape object type 31 as 32 + audioObjectTypeExt', () => {
    const { data, fields, diagnostics } = read(
      bits(
        '11111' + // audioObjectType = 31 (escape)
          '000010' + // audioObjectTypeExt = 2: object type 34 (Layer-3)
          '0100' + // samplingFrequencyIndex = 4 (44100)
          '0010' + // channelConfiguration = 2
          '0', // MPEG_1_2_SpecificConfig: extension = 0
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(data.audioObjectType).toBe(34);
    expect(findField(fields, 'audioObjectType')).toMatchObject({ value: 31, display: 'escape' });
    expect(findField(fields, 'audioObjectTypeExt')).toMatchObject({ value: 2, display: '34: Layer-3', bitOffset: 5, bitLength: 6 });
    expect(findField(fields, 'extension')?.value).toBe(false);
  });

  it('stops with an info diagnostic at an object type whose config it does not decode', () => {
    const { data, diagnostics } = read(
      bits(
        '11111 001010' + // audioObjectType = 31, audioObjectTypeExt = 10: object type 42 (USAC)
          '0100 0010' + // samplingFrequencyIndex = 4, channelConfiguration = 2
          '00000000 00000000', // UsacConfig, not decoded
      ),
    );
    expect(data.audioObjectType).toBe(42);
    expect(diagnostics.map((d) => d.code)).toEqual(['audio-object-config-not-decoded']);
  });

  it('reads an explicit 24-bit frequency after index 15', () => {
    const { data, fields, diagnostics } = read(
      bits(
        '00010' + // audioObjectType = 2
          '1111' + // samplingFrequencyIndex = 15 (escape)
          '000000010001100101000000' + // samplingFrequency = 0x011940 = 72000
          '0001' + // channelConfiguration = 1
          '000', // GASpecificConfig flags
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(data.samplingFrequency).toBe(72000);
    expect(findField(fields, 'samplingFrequencyIndex')?.display).toBe('explicit frequency follows');
    expect(findField(fields, 'samplingFrequency')).toMatchObject({ value: 72000, display: '72000 Hz', bitOffset: 9, bitLength: 24 });
    expect(data.channelConfiguration).toBe(1);
  });

  it('reports a reserved sampling frequency index without throwing', () => {
    const { data, fields, diagnostics } = read(
      bits(
        '00010' + // audioObjectType = 2
          '1101' + // samplingFrequencyIndex = 13 (reserved)
          '0010' + // channelConfiguration = 2
          '000', // GASpecificConfig flags
      ),
      50,
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'reserved-sampling-frequency-index', start: 50 });
    expect(data.samplingFrequency).toBe(0);
    expect(data.channelConfiguration).toBe(2);
    expect(findField(fields, 'samplingFrequencyIndex')?.display).toBe('reserved');
  });

  it('reads the backward-compatible SBR and PS sync extensions (0x2b7, 0x548)', () => {
    const { data, fields, diagnostics } = read(
      bits(
        '00010 0111 0010 000' + // AAC LC, samplingFrequencyIndex 7 (22050), channelConfiguration 2, GASpecificConfig
          '01010110111' + // syncExtensionType = 0x2b7
          '00101' + // extensionAudioObjectType = 5 (SBR)
          '1' + // sbrPresentFlag = 1
          '0100' + // extensionSamplingFrequencyIndex = 4 (44100)
          '10101001000' + // syncExtensionType = 0x548
          '1', // psPresentFlag = 1
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(data).toMatchObject({ audioObjectType: 2, samplingFrequency: 22050, extensionSamplingFrequency: 44100, sbr: true, ps: true });
    expect(fields.filter((f) => f.name === 'syncExtensionType').map((f) => f.value)).toEqual([0x2b7, 0x548]);
    expect(findField(fields, 'psPresentFlag')?.bitOffset).toBe(48);
  });

  it("reads ffmpeg's sync extension that says no SBR (0x12 0x10 0x56 0xe5 0x00)", () => {
    const { data, fields } = read(
      Uint8Array.from([
        0x12, // audioObjectType 2, samplingFrequencyIndex 4 ...
        0x10, // ... channelConfiguration 2, GASpecificConfig 000
        0x56, // 01010110 111.. syncExtensionType = 0x2b7
        0xe5, // ...111 00101 extensionAudioObjectType = 5
        0x00, // 0 sbrPresentFlag = 0, then 7 padding bits
      ]),
    );
    expect(data).toMatchObject({ audioObjectType: 2, samplingFrequency: 44100, channelConfiguration: 2, sbr: false });
    expect(findField(fields, 'sbrPresentFlag')).toMatchObject({ value: false, bitOffset: 32 });
  });

  it('reads a program_config_element when channelConfiguration is 0', () => {
    const { data, fields, diagnostics, r } = read(
      bits(
        '00010 0100 0000' + // AAC LC, 44100, channelConfiguration = 0
          '0 0 0' + // frameLengthFlag, dependsOnCoreCoder, extensionFlag
          '0000 01 0100' + // PCE: element_instance_tag 0, object_type 1 (LC), sampling_frequency_index 4
          '0001 0000 0000 00 000 0000' + // one front element, no side/back/lfe/assoc/cc elements
          '0 0 0' + // mono, stereo, matrix mixdown not present
          '1 0000' + // front_element_is_cpe[0] = 1 (a channel pair), front_element_tag_select[0] = 0
          '0' + // byte_alignment
          '00000000', // comment_field_bytes = 0
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(data.channelConfiguration).toBe(0);
    expect(findField(fields, 'program_config_element')).toMatchObject({ value: 2, display: '2 channels' });
    expect(r.bitsLeft).toBe(0);
  });

  it('throws OutOfData (for the caller to report) when the config is cut inside its fixed fields', () => {
    expect(() => read(Uint8Array.from([0x12]))).toThrow(OutOfData);
  });

  it('returns the same values without recording (bulk mode)', () => {
    const r = FieldReader.at(Uint8Array.from([0x11, 0x90]), 0, BULK); // AAC LC, 48000, 2 channels
    const { data } = readAudioSpecificConfig(r);
    expect(data).toMatchObject({ audioObjectType: 2, samplingFrequency: 48000, channelConfiguration: 2 });
    expect(r.fields).toEqual([]);
  });
});
