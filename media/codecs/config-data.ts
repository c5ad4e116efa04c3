/** Decoded codec configuration records: what tracks, remux and export need of them. */

/** AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1). */
export interface AvcConfigData {
  profileIndication: number;
  profileCompatibility: number;
  levelIndication: number;
  /** NAL unit length field size in bytes (1, 2 or 4). */
  lengthSize: number;
  sps: Uint8Array[];
  pps: Uint8Array[];
  /** The whole record as stored, for remux and export. */
  raw: Uint8Array;
}

/**
 * The general profile, tier and level of an HEVC stream: the hvcC and the SPS profile_tier_level()
 * both carry it, and the codec string (RFC 6381, 14496-15 E.3) is made from it.
 */
export interface HevcProfileTierLevel {
  generalProfileSpace: number;
  generalTierFlag: number;
  generalProfileIdc: number;
  generalProfileCompatibilityFlags: number;
  /** 48 bits of general constraint indicator flags, as 6 bytes. */
  generalConstraintIndicatorFlags: Uint8Array;
  generalLevelIdc: number;
}

/** HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1). */
export interface HevcConfigData extends HevcProfileTierLevel {
  lengthSize: number;
  arrays: Array<{ nalUnitType: number; nalus: Uint8Array[] }>;
  raw: Uint8Array;
}

/** AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1), as far as tracks and remux need it. */
export interface AudioConfigData {
  /** The object type as signalled first: 5 (SBR) or 29 (PS) for explicit HE-AAC signalling. */
  audioObjectType: number;
  /** The core object type: the one after the explicit SBR/PS signalling, else `audioObjectType`. */
  coreAudioObjectType?: number;
  samplingFrequency: number;
  channelConfiguration: number;
  /** Explicit SBR / PS signalling when present (HE-AAC v1 / v2). */
  sbr?: boolean;
  ps?: boolean;
  extensionSamplingFrequency?: number;
  raw: Uint8Array;
}
