/** descriptor() loops of PSI tables (ISO/IEC 13818-1 2.6, DVB EN 300 468 6.2): tag, length, and a few bodies decoded. */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, diagnostic } from '../../model/types.js';
import { DESCRIPTOR_TAGS } from './ts-names.js';

export interface DescriptorInfo {
  tag: number;
  /** registration_descriptor format_identifier ('HEVC', 'AC-3', 'ID3 ' ...). */
  formatIdentifier?: string;
  /** metadata_descriptor metadata_format_identifier ('ID3 ' for timed ID3). */
  metadataFormat?: string;
  language?: string;
}

const AUDIO_TYPES = { 0: 'undefined', 1: 'clean effects', 2: 'hearing impaired', 3: 'visual impaired commentary' } as const;

/** Reads descriptors filling `length` bytes (clamped to what the reader has left) as one group field. */
export function readDescriptors(r: FieldReader, name: string, length: number, out: Diagnostic[]): DescriptorInfo[] {
  const found: DescriptorInfo[] = [];
  if (length > r.bytesLeft) {
    out.push(diagnostic('error', 'psi-descriptors-overflow', `${name} of ${length} bytes runs past the section`, r.absByte, r.absByte + 1));
    length = r.bytesLeft;
  }
  if (length === 0) return found;
  const end = r.pos + length * 8;
  r.group(name, () => {
    // Each descriptor takes at least 2 bytes, so the loop is bounded by the length.
    while (r.pos + 16 <= end) {
      const at = r.absByte;
      r.group('descriptor', () => {
        const tag = r.u8('descriptor_tag', (v) => DESCRIPTOR_TAGS[v] ?? (v >= 0x40 ? 'user private' : 'reserved'));
        let n = r.u8('descriptor_length');
        const left = (end - r.pos) / 8;
        if (n > left) {
          out.push(diagnostic('error', 'psi-descriptor-overflow', `descriptor_length ${n} runs past its loop`, at, at + 2));
          n = left;
        }
        const info: DescriptorInfo = { tag };
        const bodyEnd = r.pos + n * 8;
        const saved = r.limit(bodyEnd);
        try {
          readBody(r, tag, n, info);
        } finally {
          r.restoreLimit(saved);
        }
        if (r.pos < bodyEnd) r.bytes((bodyEnd - r.pos) / 8, 'descriptor_data');
        found.push(info);
      });
      if (r.last) r.last.display = DESCRIPTOR_TAGS[found[found.length - 1]!.tag] ?? `descriptor 0x${found[found.length - 1]!.tag.toString(16)}`;
    }
    if (r.pos < end) r.bytes((end - r.pos) / 8, 'trailing_bytes');
  });
  return found;
}

function readBody(r: FieldReader, tag: number, n: number, info: DescriptorInfo): void {
  if (tag === 0x05 && n >= 4) {
    info.formatIdentifier = r.fourcc('format_identifier');
  } else if (tag === 0x0a) {
    for (let i = 0; i + 4 <= n; i += 4) {
      const lang = r.text(3, 'ISO_639_language_code');
      info.language ??= lang;
      r.u8('audio_type', AUDIO_TYPES);
    }
  } else if (tag === 0x48 && n >= 3) {
    r.u8('service_type', { 1: 'digital television service', 2: 'digital radio sound service', 0x19: 'advanced codec HD digital television' });
    const provider = r.u8('service_provider_name_length');
    if (provider <= r.bytesLeft) r.text(provider, 'service_provider_name');
    if (r.bytesLeft >= 1) {
      const service = r.u8('service_name_length');
      if (service <= r.bytesLeft) r.text(service, 'service_name');
    }
  } else if (tag === 0x26 && n >= 3) {
    readMetadataDescriptor(r, info);
  } else if (tag === 0x52 && n >= 1) {
    r.u8('component_tag');
  }
}

/** metadata_descriptor (2.6.60): which metadata a 0x15 stream carries; the fields after the format are left as bytes. */
function readMetadataDescriptor(r: FieldReader, info: DescriptorInfo): void {
  const application = r.u16('metadata_application_format', (v) => (v === 0xffff ? 'identified by metadata_application_format_identifier' : undefined));
  if (application === 0xffff) {
    if (r.bytesLeft < 4) return;
    r.fourcc('metadata_application_format_identifier');
  }
  if (r.bytesLeft < 1) return;
  const format = r.u8('metadata_format', (v) => (v === 0xff ? 'identified by metadata_format_identifier' : undefined));
  if (format === 0xff && r.bytesLeft >= 4) info.metadataFormat = r.fourcc('metadata_format_identifier');
}
