/**
 * raw_data_block() (ISO/IEC 14496-3 4.4.2.1 Table 4.3): the syntax elements of one AAC access unit.
 * Elements whose length is known (DSE, FIL, PCE) are read whole; an SCE/CPE/LFE is read up to the end of its
 * section_data (everything after is Huffman-coded and not decoded here), a CCE up to its element_instance_tag.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, type Field, type Node, diagnostic, newNode } from '../../model/types.js';
import { OutOfData } from '../../bits/errors.js';
import { type IcsInfo, type RawAacContext, readIcsInfo, readSectionData } from './ics-info.js';
import { type ProgramConfig, readProgramConfigElement } from './program-config-element.js';

export const ID_SYN_ELE = { 0: 'SCE', 1: 'CPE', 2: 'CCE', 3: 'LFE', 4: 'DSE', 5: 'PCE', 6: 'FIL', 7: 'END' } as const;
const ELEMENT_TITLES = {
  0: 'single_channel_element', 1: 'channel_pair_element', 2: 'coupling_channel_element', 3: 'lfe_channel_element',
  4: 'data_stream_element', 5: 'program_config_element', 6: 'fill_element', 7: 'END',
} as const;
export const ID_SCE = 0, ID_CPE = 1, ID_CCE = 2, ID_LFE = 3, ID_DSE = 4, ID_PCE = 5, ID_FIL = 6, ID_END = 7;

/** extension_type of a fill element's extension_payload (Table 4.121). */
const EXTENSION_TYPES = {
  0: 'EXT_FILL', 1: 'EXT_FILL_DATA', 2: 'EXT_DATA_ELEMENT', 11: 'EXT_DYNAMIC_RANGE', 12: 'EXT_SAC_DATA', 13: 'EXT_SBR_DATA', 14: 'EXT_SBR_DATA_CRC',
} as const;

/** A raw_data_block holds at most a few dozen elements; hostile bytes stop here. */
const MAX_ELEMENTS = 64;

export interface AacElement {
  id: number;
  name: string;
  instanceTag?: number;
  globalGain?: number;
  commonWindow?: boolean;
  ics?: IcsInfo;
  pce?: ProgramConfig;
  /** Bytes of a DSE or a FIL element's payload. */
  count?: number;
  /** section_data was read and is consistent. */
  sectionsOk?: boolean;
}

export interface RawDataBlock {
  /** One node per element read (kind 'element'); children of the frame in the tree. */
  nodes: Node[];
  elements: AacElement[];
  /** True when the walk reached ID_END (only possible when no SCE/CPE/LFE/CCE came first). */
  reachedEnd: boolean;
  /** True when the data ended in the middle of an element. */
  truncated: boolean;
}

/**
 * Walks the elements of a raw_data_block from the reader's position to its limit.
 * Diagnostics go to `out` and to the element they concern.
 */
export function readRawDataBlock(r: FieldReader, ctx: RawAacContext, out: Diagnostic[]): RawDataBlock {
  const result: RawDataBlock = { nodes: [], elements: [], reachedEnd: false, truncated: false };
  const outer = r.fields;
  try {
    for (let n = 0; n < MAX_ELEMENTS; n++) {
      const startBit = r.map.fileBit(r.pos);
      const node = newNode('element', '?', Math.floor(startBit / 8), Math.floor(startBit / 8));
      result.nodes.push(node);
      r.fields = node.fields;
      const local: Diagnostic[] = [];
      let stop: boolean;
      try {
        stop = readElement(r, ctx, local, node, result);
      } finally {
        node.diagnostics.push(...local);
        out.push(...local);
        node.end = Math.max(node.start + 1, Math.ceil(r.map.fileBit(r.pos) / 8));
      }
      if (stop) {
        addUndecoded(r, node, result.elements[result.elements.length - 1]);
        return result;
      }
    }
    out.push(diagnostic('warning', 'aac-too-many-elements', `more than ${MAX_ELEMENTS} syntax elements in one raw_data_block`, r.absByte, r.absByte + 1));
    return result;
  } catch (e) {
    if (!(e instanceof OutOfData)) throw e;
    result.truncated = true;
    const at = r.absByte;
    const d = diagnostic('error', 'aac-element-truncated', 'the access unit ends inside a syntax element', Math.max(0, at - 1), Math.max(at, 1));
    out.push(d);
    result.nodes[result.nodes.length - 1]?.diagnostics.push(d);
    return result;
  } finally {
    r.fields = outer;
  }
}

/** Reads one element; returns true when the walk must stop after it. */
function readElement(r: FieldReader, ctx: RawAacContext, out: Diagnostic[], node: Node, result: RawDataBlock): boolean {
  const id = r.u(3, 'id_syn_ele', ID_SYN_ELE);
  node.name = ID_SYN_ELE[id as keyof typeof ID_SYN_ELE];
  node.title = ELEMENT_TITLES[id as keyof typeof ELEMENT_TITLES];
  const element: AacElement = { id, name: node.name };
  result.elements.push(element);
  switch (id) {
    case ID_END:
      result.reachedEnd = true;
      return true;
    case ID_SCE:
    case ID_LFE:
      element.instanceTag = r.u(4, 'element_instance_tag');
      element.globalGain = r.u8('global_gain');
      element.ics = readIcsInfo(r, ctx, false, out);
      if (id === ID_LFE && element.ics.windowSequence !== 0) {
        out.push(diagnostic('error', 'aac-lfe-not-long-window', 'an LFE element shall use ONLY_LONG_SEQUENCE', node.start, node.start + 2));
      }
      element.sectionsOk = readSectionData(r, element.ics, false, out);
      return true;
    case ID_CPE:
      readPairStart(r, ctx, out, element);
      return true;
    case ID_CCE:
      element.instanceTag = r.u(4, 'element_instance_tag');
      return true;
    case ID_DSE:
      readDataStreamElement(r, element);
      return false;
    case ID_PCE:
      element.pce = readProgramConfigElement(r, out);
      return false;
    default:
      readFillElement(r, element);
      return false;
  }
}

/** channel_pair_element() up to the first channel's section_data. */
function readPairStart(r: FieldReader, ctx: RawAacContext, out: Diagnostic[], element: AacElement): void {
  element.instanceTag = r.u(4, 'element_instance_tag');
  const commonWindow = r.flag('common_window', { 0: 'each channel has its own ics_info', 1: 'both channels share ics_info' });
  element.commonWindow = commonWindow;
  let ics: IcsInfo | undefined;
  if (commonWindow) {
    ics = readIcsInfo(r, ctx, true, out);
    const msMaskPresent = r.u(2, 'ms_mask_present', { 0: 'no M/S', 1: 'M/S per band (ms_used)', 2: 'M/S on all bands', 3: 'reserved' });
    if (msMaskPresent === 3) out.push(diagnostic('error', 'aac-ms-mask-reserved', 'ms_mask_present 3 is reserved', r.absByte, r.absByte + 1));
    if (msMaskPresent === 1) {
      const bits = ics.numWindowGroups * ics.maxSfb;
      r.skip(bits, 'ms_used');
      if (r.last) r.last.display = `${bits} flags`;
    }
  }
  element.globalGain = r.group('individual_channel_stream(0)', () => {
    const gain = r.u8('global_gain');
    if (!ics) ics = readIcsInfo(r, ctx, false, out);
    element.sectionsOk = readSectionData(r, ics, false, out);
    return gain;
  });
  element.ics = ics;
}

/** data_stream_element() (Table 4.10). */
function readDataStreamElement(r: FieldReader, element: AacElement): void {
  element.instanceTag = r.u(4, 'element_instance_tag');
  const align = r.flag('data_byte_align_flag');
  let count = r.u8('count');
  if (count === 255) count += r.u8('esc_count');
  element.count = count;
  if (align && r.pos % 8 !== 0) r.skip(8 - (r.pos % 8), 'byte_alignment');
  r.skip(count * 8, 'data_stream_byte');
  if (r.last) r.last.display = `${count} bytes`;
}

/** fill_element() (Table 4.11): only the first extension_payload's type is shown; the payload is skipped whole. */
function readFillElement(r: FieldReader, element: AacElement): void {
  let count = r.u(4, 'count');
  if (count === 15) count += r.u8('esc_count') - 1;
  element.count = count;
  if (count <= 0) return;
  r.u(4, 'extension_type', EXTENSION_TYPES);
  r.skip(count * 8 - 4, 'extension_payload');
  if (r.last) r.last.display = `${count} bytes in all`;
}

/** After the last element read: what follows is not decoded; say so with a bit-range field. */
function addUndecoded(r: FieldReader, node: Node, last: AacElement | undefined): void {
  if (!r.recording || !last || last.id === ID_END) return;
  const left = r.bitsLeft;
  if (left <= 0) return;
  const from = r.map.fileBit(r.pos);
  const to = r.map.fileBit(r.pos + left - 1) + 1;
  const field: Field = { name: 'remaining_data', bitOffset: from, bitLength: to - from, value: `${left} bits`, display: 'scale factors, spectral data and later elements (Huffman-coded; not decoded)' };
  if (to - from !== left) field.ownBits = left;
  node.fields.push(field);
  node.end = Math.ceil(to / 8);
}
