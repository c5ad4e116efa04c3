/**
 * Does a byte string look like one raw AAC access unit (an MP4/FLV/Smooth sample, no ADTS header)?
 * Raw AAC has no magic number and accepts almost any bits, so this walks the real syntax as far as it
 * can be bounded and checks each value against what the stream allows. Used by the paste detector.
 */
import { FieldReader } from '../../model/field-reader.js';
import { BULK, type Diagnostic } from '../../model/types.js';
import { type RawAacContext, samplingIndexOf } from './ics-info.js';
import { ID_CCE, ID_CPE, ID_END, ID_LFE, ID_SCE, type AacElement, readRawDataBlock } from './raw-data-block.js';

export interface RawAacCheck {
  name: string;
  pass: boolean;
  detail: string;
}

export interface RawAacVerdict {
  /** True when every check passed. */
  ok: boolean;
  /** Why: the failed checks when not ok, else what was verified. */
  reasons: string[];
  checks: RawAacCheck[];
  /** id_syn_ele names in order, as far as they could be read. */
  elements: string[];
  /** Bits of syntax that were read and checked (a longer prefix is stronger evidence). */
  checkedBits: number;
}

/** An access unit holds at most 6144 bits per channel (ISO/IEC 14496-3 4.5.3.1); 48 channels is the syntax's own ceiling. */
const MAX_BYTES_PER_CHANNEL = 768;
/** Object types whose access units use the (non error-resilient) raw_data_block syntax. */
const RAW_DATA_BLOCK_TYPES: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7, 29]);
/**
 * global_gain is the first scale factor (an 8-bit offset of about 100 for typical levels); encoders keep it
 * well inside this range, and a value at either end means the bits are not AAC.
 */
const GLOBAL_GAIN_RANGE = [20, 240] as const;

/** Channel elements expected first for each channel_configuration (Table 1.19: the front centre is an SCE). */
const FIRST_CHANNEL_ELEMENT: Readonly<Record<number, number>> = { 1: ID_SCE, 2: ID_CPE, 3: ID_SCE, 4: ID_SCE, 5: ID_SCE, 6: ID_SCE, 7: ID_SCE };

export function looksLikeRawAacFrame(bytes: Uint8Array, asc?: RawAacContext): RawAacVerdict {
  const checks: RawAacCheck[] = [];
  const check = (name: string, pass: boolean, detail: string): void => void checks.push({ name, pass, detail });
  const ctx: RawAacContext = { audioObjectType: 2, ...asc };
  const aot = ctx.audioObjectType ?? 2;
  const config = ctx.channelConfiguration;

  check('object-type', RAW_DATA_BLOCK_TYPES.has(aot), `audio object type ${aot}${RAW_DATA_BLOCK_TYPES.has(aot) ? ' uses raw_data_block()' : ' has no id_syn_ele syntax to check'}`);
  const channels = config === 7 ? 8 : config !== undefined && config >= 1 && config <= 6 ? config : 48;
  const maxBytes = MAX_BYTES_PER_CHANNEL * channels;
  check('size', bytes.length >= 2 && bytes.length <= maxBytes, `${bytes.length} bytes (an access unit has 2 to ${maxBytes})`);
  if (asc && samplingIndexOf(ctx) === undefined) check('sampling-rate', false, 'the sampling rate is unknown or reserved');

  const diags: Diagnostic[] = [];
  const r = new FieldReader(bytes, BULK);
  const block = readRawDataBlock(r, ctx, diags);
  const elements = block.elements.map((e) => e.name);
  const first = block.elements[0];
  if (first) {
    const okFirst = first.id !== ID_END && first.id !== ID_CCE;
    check('first-element', okFirst, `first element is ${first.name}${okFirst ? '' : first.id === ID_END ? ' (an empty access unit)' : ' (coupling comes after the channels it couples)'}`);
  }
  const channel = block.elements.find((e) => e.id === ID_SCE || e.id === ID_CPE || e.id === ID_LFE);
  if (channel) checkChannelElement(channel, config, check);
  else if (!block.truncated) check('channel-element', false, `no SCE, CPE or LFE before ${block.reachedEnd ? 'END' : 'the walk stopped'}`);
  check('syntax', diags.length === 0, diags.length === 0 ? 'every value read is allowed' : diags.map((d) => d.message).join('; '));
  if (block.truncated) check('complete', false, 'the bytes end inside a syntax element');

  const ok = checks.every((c) => c.pass);
  const reasons = checks.filter((c) => c.pass === ok).map((c) => c.detail);
  return { ok, reasons, checks, elements, checkedBits: r.pos };
}

function checkChannelElement(e: AacElement, config: number | undefined, check: (name: string, pass: boolean, detail: string) => void): void {
  const expected = config === undefined ? undefined : FIRST_CHANNEL_ELEMENT[config];
  if (expected !== undefined) {
    const expectedName = expected === ID_SCE ? 'SCE' : 'CPE';
    check('channel-configuration', e.id === expected, `first channel element is ${e.name}; channel_configuration ${config} starts with ${expectedName}`);
  } else if (e.id === ID_LFE) {
    check('channel-configuration', config === 0, 'an LFE cannot be the first channel element of a standard layout');
  }
  if (e.globalGain !== undefined) {
    const [lo, hi] = GLOBAL_GAIN_RANGE;
    check('global-gain', e.globalGain >= lo && e.globalGain <= hi, `global_gain ${e.globalGain} (plausible: ${lo} to ${hi})`);
  }
  if (e.ics) check('ics-info', e.ics.icsReservedBit === 0, `ics_info: window_sequence ${e.ics.windowSequence}, max_sfb ${e.ics.maxSfb}`);
  if (e.sectionsOk !== undefined) check('section-data', e.sectionsOk, e.sectionsOk ? 'section_data covers max_sfb bands with valid codebooks' : 'section_data is inconsistent');
}
