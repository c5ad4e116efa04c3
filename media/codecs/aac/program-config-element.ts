/**
 * program_config_element() (ISO/IEC 14496-3 4.4.1.1 Table 4.2): the channel layout of channel_configuration 0.
 * Every count is a few bits wide, so the whole element is bounded (at most ~400 bits plus a 255-byte comment).
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, diagnostic } from '../../model/types.js';

export interface ProgramConfig {
  elementInstanceTag: number;
  objectType: number;
  samplingFrequencyIndex: number;
  front: number;
  side: number;
  back: number;
  lfe: number;
  /** Output channels: a CPE counts two, an SCE one, each LFE one. */
  channels: number;
  comment: string;
}

const PCE_OBJECT_TYPES = { 0: 'AAC Main', 1: 'AAC LC', 2: 'AAC SSR', 3: 'AAC LTP' } as const;

/**
 * Reads the element, in spec order, as one group field `program_config_element` whose value is the channel count.
 * Shared by raw_data_block (id_syn_ele 5) and GASpecificConfig (channelConfiguration 0).
 */
export function readProgramConfigElement(r: FieldReader, out: Diagnostic[] = []): ProgramConfig {
  return r.group('program_config_element', () => readFields(r, out), (pce) => pce.channels, (pce) => `${pce.channels} channels`);
}

function readFields(r: FieldReader, out: Diagnostic[]): ProgramConfig {
  const elementInstanceTag = r.u(4, 'element_instance_tag');
  const objectType = r.u(2, 'object_type', PCE_OBJECT_TYPES);
  const at = r.absByte;
  const samplingFrequencyIndex = r.u(4, 'sampling_frequency_index');
  if (samplingFrequencyIndex > 12) out.push(diagnostic('error', 'aac-pce-bad-sampling-frequency-index', `sampling_frequency_index ${samplingFrequencyIndex} is reserved in a PCE`, at, at + 1));
  const front = r.u(4, 'num_front_channel_elements');
  const side = r.u(4, 'num_side_channel_elements');
  const back = r.u(4, 'num_back_channel_elements');
  const lfe = r.u(2, 'num_lfe_channel_elements');
  const assoc = r.u(3, 'num_assoc_data_elements');
  const cc = r.u(4, 'num_valid_cc_elements');
  if (r.flag('mono_mixdown_present')) r.u(4, 'mono_mixdown_element_number');
  if (r.flag('stereo_mixdown_present')) r.u(4, 'stereo_mixdown_element_number');
  if (r.flag('matrix_mixdown_idx_present')) {
    r.u(2, 'matrix_mixdown_idx');
    r.flag('pseudo_surround_enable');
  }
  let channels = 0;
  // The counts are at most 4 bits wide, so each list is at most 15 entries.
  const placed = (name: string, count: number): void => {
    for (let i = 0; i < count; i++) {
      const cpe = r.u(1, `${name}_element_is_cpe[${i}]`, { 0: 'SCE', 1: 'CPE' });
      r.u(4, `${name}_element_tag_select[${i}]`);
      channels += cpe + 1;
    }
  };
  placed('front', front);
  placed('side', side);
  placed('back', back);
  for (let i = 0; i < lfe; i++) r.u(4, `lfe_element_tag_select[${i}]`);
  channels += lfe;
  for (let i = 0; i < assoc; i++) r.u(4, `assoc_data_element_tag_select[${i}]`);
  for (let i = 0; i < cc; i++) {
    r.u(1, `cc_element_is_ind_sw[${i}]`);
    r.u(4, `valid_cc_element_tag_select[${i}]`);
  }
  // byte_alignment() relative to the start of the raw_data_block or AudioSpecificConfig, both byte-aligned in their containers.
  if (r.pos % 8 !== 0) r.skip(8 - (r.pos % 8), 'byte_alignment');
  const commentBytes = r.u8('comment_field_bytes');
  const comment = commentBytes > 0 ? r.text(commentBytes, 'comment_field_data') : '';
  return { elementInstanceTag, objectType, samplingFrequencyIndex, front, side, back, lfe, channels, comment };
}
