import type { FieldReader } from '../../../model/field-reader.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { type DescriptorContext, readDescriptors } from './mpeg4-descriptors.js';

/**
 * esds (ISO/IEC 14496-14 5.6): an ES_Descriptor with its DecoderConfigDescriptor, and for AAC
 * the AudioSpecificConfig inside. Descriptors become `descriptor` child nodes.
 */
function readEsds(r: FieldReader, box: BoxScope): void {
  const ctx: DescriptorContext = {};
  readDescriptors(r, box.end, box.node.children, ctx);
  if (ctx.esds) box.keep(ctx.esds);
  else box.report('warning', 'missing-decoder-config', 'no DecoderConfigDescriptor: the stream type and codec are unknown');
}

registerBoxes({ type: 'esds', title: 'Elementary Stream Descriptor Box', spec: 'ISO/IEC 14496-14 5.6', full: true, parse: readEsds });
