import type { Node, ParseOptions } from '../../model/types.js';

/** What the Annex B reader needs to know about the first picture of an access unit. */
export interface PictureInfo {
  keyframe: boolean;
  /** Picture order count: the display order within a run of pictures. */
  poc: number;
  /** POC starts again at this picture (IDR, memory_management_control_operation 5, HEVC IRAP). */
  pocReset: boolean;
  /** A field, not a frame: lasts one clock tick instead of two. */
  field: boolean;
}

/** Stream facts for the track, from the first sequence parameter set. */
export interface StreamFacts {
  codec: string;
  width?: number;
  height?: number;
  /** VUI timing: time_scale and num_units_in_tick (a frame lasts two ticks). */
  timeScale?: number;
  numUnitsInTick?: number;
}

/**
 * A codec carried as a raw Annex B byte stream (H.264, HEVC). One instance reads one document:
 * it holds that document's parameter sets and access-unit state.
 */
export interface AnnexBCodec {
  /** Format name (`h264`, `hevc`), also the codecName ffprobe uses. */
  readonly name: string;
  /** Whether a NAL unit of this type carries a coded slice (whose slice data need not be loaded in bulk). */
  isVcl(firstBytes: Uint8Array): boolean;
  /** Reads a NAL unit (`bytes` may be a prefix when it is a slice, `totalLength` its real size). */
  read(bytes: Uint8Array, absOffset: number, options: ParseOptions, totalLength: number): Node;
  /** Whether this NAL unit (just read) opens a new access unit. */
  startsAccessUnit(nal: Node): boolean;
  /** The picture a VCL NAL unit belongs to, when it is the first of its access unit. */
  picture(nal: Node): PictureInfo | undefined;
  facts(): StreamFacts | undefined;
}
