import type { FieldReader } from '../../../model/field-reader.js';
import type { Diagnostic, Node } from '../../../model/types.js';
import { readAvcDecoderConfigurationRecord } from '../../../codecs/avc/decoder-config-record.js';
import { readHevcDecoderConfigurationRecord } from '../../../codecs/hevc/decoder-config-record.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';

/** Puts what a codec configuration reader returned onto the box: NAL nodes as children, problems as diagnostics. */
function attach(box: BoxScope, result: { data: unknown; nalNodes: Node[]; diagnostics: Diagnostic[] }): void {
  box.node.children.push(...result.nalNodes);
  box.node.diagnostics.push(...result.diagnostics);
  box.keep(result.data);
}

function readAvcC(r: FieldReader, box: BoxScope): void {
  attach(box, readAvcDecoderConfigurationRecord(r));
}

function readHvcC(r: FieldReader, box: BoxScope): void {
  attach(box, readHevcDecoderConfigurationRecord(r));
}

registerBoxes(
  { type: 'avcC', title: 'AVC Configuration Box', spec: 'ISO/IEC 14496-15 5.4.2.1', parse: readAvcC },
  { type: 'hvcC', title: 'HEVC Configuration Box', spec: 'ISO/IEC 14496-15 8.4.1.1', parse: readHvcC },
);
