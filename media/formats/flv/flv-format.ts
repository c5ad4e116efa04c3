/** The FLV FormatHandler: probe by signature, open into a MediaDocument. */
import type { MediaDocument } from '../../model/document-model.js';
import type { FormatHandler } from '../../model/format.js';
import type { ParseOptions } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import { FlvDocumentBuilder } from './flv-document-builder.js';
import { looksLikeFlv } from './flv-header.js';
import { parseFlv } from './parse-flv.js';
import { flvSampleAccess } from './sample-access.js';

export async function openFlv(source: ByteSource, options: ParseOptions): Promise<MediaDocument> {
  const builder = new FlvDocumentBuilder();
  const { parser } = await parseFlv(source, options, (units) => builder.add(units));
  const doc = builder.finish(source.size, parser.tracks);
  doc.samples = flvSampleAccess(source, doc);
  return doc;
}

export const flvFormat: FormatHandler = {
  name: 'flv',
  probe: (head) => looksLikeFlv(head),
  open: openFlv,
};
