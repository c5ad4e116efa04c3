/**
 * SampleDescriptions (media/model/document-model.ts) from decoded codec configurations, shared by every
 * format that offers sample access: the record bytes are kept as the source carried them.
 */
import type { SampleDescription } from '../model/document-model.js';
import { type AdtsHeader, adtsToAudioSpecificConfig } from './aac/adts-header.js';
import { aacCodecString, avcCodecString, hevcCodecString } from './codec-string.js';
import type { AudioConfigData, AvcConfigData, HevcConfigData } from './config-data.js';

export function avcDescription(c: AvcConfigData, size: { width?: number; height?: number }, format = 'avc1'): SampleDescription {
  const d: SampleDescription = { format, codec: avcCodecString(c.profileIndication, c.profileCompatibility, c.levelIndication, format), config: c.raw, nalLengthSize: c.lengthSize };
  if (size.width !== undefined) d.width = size.width;
  if (size.height !== undefined) d.height = size.height;
  return d;
}

export function hevcDescription(c: HevcConfigData, size: { width?: number; height?: number }, format = 'hvc1'): SampleDescription {
  const d: SampleDescription = { format, codec: hevcCodecString(c, format), config: c.raw, nalLengthSize: c.lengthSize };
  if (size.width !== undefined) d.width = size.width;
  if (size.height !== undefined) d.height = size.height;
  return d;
}

/**
 * mp4a with the AudioSpecificConfig as given. The entry's rate and channels: as stated (an MP4 source's
 * own sample entry), else what the ASC says (the SBR rate for explicit HE-AAC, 2 channels with PS).
 */
export function aacDescription(c: AudioConfigData, facts: { sampleRate?: number; channels?: number } = {}): SampleDescription {
  const sampleRate = facts.sampleRate ?? (c.sbr && c.extensionSamplingFrequency ? c.extensionSamplingFrequency : c.samplingFrequency);
  const channels = facts.channels ?? (c.ps ? 2 : c.channelConfiguration > 0 ? c.channelConfiguration : undefined);
  const d: SampleDescription = { format: 'mp4a', codec: aacCodecString(0x40, c.audioObjectType), config: c.raw };
  if (sampleRate) d.sampleRate = sampleRate;
  if (channels) d.channels = channels;
  return d;
}

/** mp4a for an ADTS stream: the AudioSpecificConfig its header fields map onto (ISO/IEC 14496-3 1.A.3). */
export function adtsDescription(h: AdtsHeader): SampleDescription {
  const facts: { sampleRate?: number; channels?: number } = {};
  if (h.sampleRate) facts.sampleRate = h.sampleRate;
  if (h.channels > 0) facts.channels = h.channels;
  const raw = adtsToAudioSpecificConfig(h);
  return aacDescription({ audioObjectType: h.audioObjectType, samplingFrequency: h.sampleRate ?? 0, channelConfiguration: h.channelConfiguration, raw }, facts);
}

/** Same configuration bytes and format: the same description. */
export function sameDescription(a: SampleDescription, b: SampleDescription): boolean {
  if (a.format !== b.format || a.config.length !== b.config.length) return false;
  for (let i = 0; i < a.config.length; i++) if (a.config[i] !== b.config[i]) return false;
  return true;
}
