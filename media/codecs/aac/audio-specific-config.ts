import type { FieldReader } from '../../model/field-reader.js';
import type { Diagnostic } from '../../model/types.js';
import type { AudioConfigData } from '../config-data.js';
import { DiagnosticList } from '../config-result.js';
import { readProgramConfigElement } from './program-config-element.js';
import { AUDIO_OBJECT_TYPES, CHANNEL_CONFIGURATIONS, SAMPLING_FREQUENCIES, SAMPLING_FREQUENCY_ESCAPE, samplingFrequencyText } from './tables.js';

const SPEC = 'ISO/IEC 14496-3 1.6.2.1';

/** Object types whose specific config is GASpecificConfig (the AAC family). */
const GA_TYPES: ReadonlySet<number> = new Set([1, 2, 3, 4, 6, 7, 17, 19, 20, 21, 22, 23]);
/** Error-resilient object types, which carry epConfig after their specific config. */
const ER_TYPES: ReadonlySet<number> = new Set([17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 39]);
const EP_CONFIGS = { 0: 'no error protection', 1: 'error protection by ErrorProtectionSpecificConfig out of band', 2: 'ErrorProtectionSpecificConfig follows', 3: 'ErrorProtectionSpecificConfig and directMapping follow' } as const;

const SYNC_EXTENSION_SBR = 0x2b7;
const SYNC_EXTENSION_PS = 0x548;

export interface AudioConfigResult {
  data: AudioConfigData;
  diagnostics: Diagnostic[];
}

const objectTypeText = (v: number): string => (AUDIO_OBJECT_TYPES as Record<number, string>)[v] ?? 'reserved';

/** GetAudioObjectType(): 5 bits, and 6 more when they are the escape value 31. */
function readAudioObjectType(r: FieldReader, name: string): number {
  const aot = r.u(5, name, objectTypeText);
  if (aot !== 31) return aot;
  return r.u(6, `${name}Ext`, (v) => `${32 + v}: ${objectTypeText(32 + v)}`) + 32;
}

/** samplingFrequencyIndex and, for the escape, the explicit 24-bit frequency. 0 when the index is reserved. */
function readSamplingFrequency(r: FieldReader, indexName: string, frequencyName: string, diags: DiagnosticList): number {
  const at = r.absByte;
  const index = r.u(4, indexName, samplingFrequencyText);
  if (index === SAMPLING_FREQUENCY_ESCAPE) return r.u24(frequencyName, (v) => `${v} Hz`);
  const hz = SAMPLING_FREQUENCIES[index];
  if (hz === undefined) {
    diags.add('error', 'reserved-sampling-frequency-index', `${indexName} ${index} is reserved: the sampling rate is unknown`, at, at + 1);
    return 0;
  }
  return hz;
}

/** GASpecificConfig (4.4.1), which needs the values read before it. */
function readGaSpecificConfig(r: FieldReader, channelConfiguration: number, audioObjectType: number, diags: DiagnosticList): void {
  r.group('GASpecificConfig', () => {
    r.u(1, 'frameLengthFlag', (v) => (v === 0 ? '1024-sample frames (LD: 512)' : '960-sample frames (LD: 480)'));
    if (r.flag('dependsOnCoreCoder')) r.u(14, 'coreCoderDelay', (v) => `${v} samples`);
    const extensionFlag = r.flag('extensionFlag');
    if (channelConfiguration === 0) {
      const found: Diagnostic[] = [];
      r.group('program_config_element', () => readProgramConfigElement(r, found), (pce) => pce.channels, (pce) => `${pce.channels} channels`);
      diags.items.push(...found);
    }
    if (audioObjectType === 6 || audioObjectType === 20) r.u(3, 'layerNr');
    if (extensionFlag) {
      if (audioObjectType === 22) {
        r.u(5, 'numOfSubFrame');
        r.u(11, 'layer_length');
      }
      if (audioObjectType === 17 || audioObjectType === 19 || audioObjectType === 20 || audioObjectType === 23) {
        r.flag('aacSectionDataResilienceFlag');
        r.flag('aacScalefactorDataResilienceFlag');
        r.flag('aacSpectralDataResilienceFlag');
      }
      r.flag('extensionFlag3');
    }
  });
}

/**
 * AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) from the reader's position to its limit: the
 * DecoderSpecificInfo of an esds, the body of an FLV AAC sequence header, or pasted bytes.
 * bits_to_decode() is the bits left before the reader's limit, so the caller must limit the reader
 * to the config. It stops (with an info diagnostic) at object types whose own config it does not
 * decode; the caller shows what is left. Reads past the limit throw OutOfData to the caller.
 */
/**
 * `syncExtension: false` where the config's length is not known (LATM's StreamMuxConfig with audioMuxVersion 0):
 * other fields follow it, so the bits after the core config are not a backward-compatible extension.
 */
export function readAudioSpecificConfig(r: FieldReader, syncExtension = true): AudioConfigResult {
  const startByte = r.pos >>> 3;
  const limitByte = Math.ceil(r.cursor.end / 8);
  const diags = new DiagnosticList();
  const data: AudioConfigData = { audioObjectType: 0, samplingFrequency: 0, channelConfiguration: 0, raw: r.data.subarray(startByte, limitByte) };
  const result = { data, diagnostics: diags.items };

  let audioObjectType = readAudioObjectType(r, 'audioObjectType');
  const first = r.last;
  if (first) first.spec = SPEC;
  data.audioObjectType = audioObjectType;
  data.samplingFrequency = readSamplingFrequency(r, 'samplingFrequencyIndex', 'samplingFrequency', diags);
  const channelConfiguration = r.u(4, 'channelConfiguration', (v) => (CHANNEL_CONFIGURATIONS as Record<number, string>)[v] ?? 'reserved');
  data.channelConfiguration = channelConfiguration;

  let extensionAudioObjectType = 0;
  if (audioObjectType === 5 || audioObjectType === 29) {
    // Explicit (hierarchical) signalling: the extension comes first, then the core object type.
    extensionAudioObjectType = 5;
    data.sbr = true;
    if (audioObjectType === 29) data.ps = true;
    data.extensionSamplingFrequency = readSamplingFrequency(r, 'extensionSamplingFrequencyIndex', 'extensionSamplingFrequency', diags);
    audioObjectType = readAudioObjectType(r, 'audioObjectType');
    if (audioObjectType === 22) r.u(4, 'extensionChannelConfiguration');
  }
  data.coreAudioObjectType = audioObjectType;

  if (GA_TYPES.has(audioObjectType)) {
    readGaSpecificConfig(r, channelConfiguration, audioObjectType, diags);
  } else if (audioObjectType >= 32 && audioObjectType <= 34) {
    r.flag('extension', { 0: 'MPEG-1/2 audio', 1: 'reserved' });
  } else {
    const at = r.absByte;
    const limitAbs = Math.ceil(r.map.fileBit(r.cursor.end) / 8);
    diags.add('info', 'audio-object-config-not-decoded', `the specific config of object type ${audioObjectType} (${objectTypeText(audioObjectType)}) is not decoded`, at, Math.max(at + 1, limitAbs));
    return result;
  }

  if (ER_TYPES.has(audioObjectType)) {
    const epConfig = r.u(2, 'epConfig', EP_CONFIGS);
    if (epConfig === 2 || epConfig === 3) {
      diags.add('info', 'error-protection-config-not-decoded', 'ErrorProtectionSpecificConfig is not decoded', r.absByte, r.absByte + 1);
      return result;
    }
  }

  if (syncExtension && extensionAudioObjectType !== 5 && r.bitsLeft >= 16) readSyncExtension(r, data, diags);
  return result;
}

/** The backward-compatible signalling of SBR and PS after the core config (1.6.5.2). */
function readSyncExtension(r: FieldReader, data: AudioConfigData, diags: DiagnosticList): void {
  const syncExtensionType = r.u(11, 'syncExtensionType', (v) => (v === SYNC_EXTENSION_SBR ? 'SBR/PS extension' : 'not a known sync extension'));
  if (syncExtensionType !== SYNC_EXTENSION_SBR) return;
  const extensionAudioObjectType = readAudioObjectType(r, 'extensionAudioObjectType');
  if (extensionAudioObjectType === 5) {
    const sbr = r.flag('sbrPresentFlag', { 0: 'no SBR: plain AAC', 1: 'SBR present (HE-AAC)' });
    data.sbr = sbr;
    if (sbr) {
      data.extensionSamplingFrequency = readSamplingFrequency(r, 'extensionSamplingFrequencyIndex', 'extensionSamplingFrequency', diags);
      if (r.bitsLeft >= 12) {
        const type = r.u(11, 'syncExtensionType', (v) => (v === SYNC_EXTENSION_PS ? 'PS extension' : 'not a known sync extension'));
        if (type === SYNC_EXTENSION_PS) data.ps = r.flag('psPresentFlag', { 0: 'no PS', 1: 'PS present (HE-AAC v2)' });
      }
    }
  } else if (extensionAudioObjectType === 22) {
    const sbr = r.flag('sbrPresentFlag');
    data.sbr = sbr;
    if (sbr) data.extensionSamplingFrequency = readSamplingFrequency(r, 'extensionSamplingFrequencyIndex', 'extensionSamplingFrequency', diags);
    r.u(4, 'extensionChannelConfiguration');
  }
}
