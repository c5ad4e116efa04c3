import type { MediaDocument, PacketTable } from '../../model/document-model.js';
import type { FormatHandler } from '../../model/format.js';
import { type Diagnostic, type ParseOptions, diagnostic } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import { type FileTypeData, dataOf } from './box-data.js';
import { type IsoTrack, buildTracks } from './build-tracks.js';
import { parseIsoBmff } from './parse-isobmff.js';
import { isoSampleAccess } from './sample-access.js';
import { packetsInFileOrder } from './samples/file-order.js';

/** Box types that can open an ISO-BMFF file (QuickTime files may start with wide, free or mdat). */
const FIRST_BOXES = new Set(['ftyp', 'styp', 'moov', 'moof', 'mdat', 'free', 'skip', 'wide', 'sidx', 'pdin', 'uuid']);

function probe(head: Uint8Array): boolean {
  if (head.length < 8) return false;
  const type = String.fromCharCode(head[4]!, head[5]!, head[6]!, head[7]!);
  const size = ((head[0]! << 24) >>> 0) + (head[1]! << 16) + (head[2]! << 8) + head[3]!;
  return FIRST_BOXES.has(type) && (size === 0 || size === 1 || size >= 8);
}

function formatName(tree: MediaDocument['tree']): string {
  const ftyp = dataOf<FileTypeData>(tree.find((n) => n.name === 'ftyp'));
  const brands = ftyp ? [ftyp.majorBrand, ...ftyp.compatibleBrands] : [];
  if (brands.includes('isml') || brands.includes('piff')) return 'ismv';
  if (ftyp?.majorBrand === 'qt  ') return 'mov';
  if (tree.some((n) => n.name === 'moof')) return 'fmp4';
  return 'mp4';
}

export interface IsoBmffDocument extends MediaDocument {
  isoTracks: IsoTrack[];
}

export async function openIsoBmff(source: ByteSource, options: ParseOptions): Promise<IsoBmffDocument> {
  const parsed = await parseIsoBmff(source, options);
  const missing = missingMoov(parsed.tree);
  if (missing) parsed.diagnostics.push(missing);
  const isoTracks = buildTracks(parsed.tree, source.size);
  let packets: PacketTable | undefined;
  const packetTable = (): PacketTable => (packets ??= packetsInFileOrder(isoTracks.map((t) => t.samples)).finish());
  return {
    format: formatName(parsed.tree),
    size: source.size,
    tree: parsed.tree,
    diagnostics: parsed.diagnostics,
    tracks: isoTracks.map((t) => t.info),
    // Merged on first use: `info` never needs the file-order table.
    get packets(): PacketTable {
      return packetTable();
    },
    samples: isoSampleAccess(source, isoTracks, packetTable),
    isoTracks,
  };
}

/**
 * A file with media but no moov says so by name: a recording cut before its index was written (moov at the
 * end), or a media segment read without its init segment. Nothing can be located without it.
 */
function missingMoov(tree: MediaDocument['tree']): Diagnostic | undefined {
  if (tree.some((n) => n.name === 'moov')) return undefined;
  const mdat = tree.find((n) => n.name === 'mdat');
  if (tree.some((n) => n.name === 'moof')) {
    return diagnostic('warning', 'missing-moov', 'no moov box: this is a media segment; its tracks and codecs are in the init segment that goes with it (open that one, or the two joined)', 0, Math.min(8, tree[0]?.end ?? 0));
  }
  if (!mdat) return undefined;
  return diagnostic('error', 'missing-moov', `no moov box: the file was cut before its index was written (a recording that did not finish?), so the ${mdat.end - mdat.start} bytes of media in its mdat cannot be located as samples`, mdat.start, mdat.end);
}

export const isoBmffFormat: FormatHandler = { name: 'mp4', probe, open: openIsoBmff };
