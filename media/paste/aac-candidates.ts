/**
 * AAC as pasted: ADTS frames (a syncword and a length to check), and a raw access unit with no header at
 * all (an MP4, FLV or Smooth Streaming sample). A raw frame has no magic number, so it is the weakest guess:
 * its syntax is walked by the raw_data_block reader and bounded by looksLikeRawAacFrame.
 */
import { adtsFrameLengthAt, sampleRateOf } from '../codecs/aac/adts-header.js';
import type { RawAacContext } from '../codecs/aac/ics-info.js';
import { looksLikeRawAacFrame } from '../codecs/aac/raw-aac-check.js';
import { readRawDataBlock } from '../codecs/aac/raw-data-block.js';
import { readAdtsFrame } from '../formats/adts/adts-frame.js';
import { FieldReader } from '../model/field-reader.js';
import { ANNOTATE, type Diagnostic, type Node, diagnostic, newNode } from '../model/types.js';
import { type Candidate, fail, firstProblem } from './candidate.js';

export const adtsCandidate: Candidate = {
  type: 'adts',
  variant: 'ADTS frames',
  strength: 75,
  run(bytes) {
    if (adtsFrameLengthAt(bytes, 0) === 0) return fail(bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xf0) === 0xf0 ? 'the ADTS header has a reserved layer, sampling index or a frame length shorter than itself' : 'no ADTS syncword (0xFFF) at byte 0');
    const r = new FieldReader(bytes, ANNOTATE);
    const tree: Node[] = [];
    let cut = false;
    // A frame per aac_frame_length: bounded by the bytes, each at least 7 bytes long.
    while (r.bytesLeft > 0) {
      const at = r.absByte;
      if (adtsFrameLengthAt(bytes, at) === 0) {
        if (bytes.length - at < 7 && bytes[at] === 0xff) {
          cut = true;
          break;
        }
        return fail(`no ADTS frame where the frame before it ends (byte ${at})`, tree);
      }
      const frame = readAdtsFrame(r, `ADTS frame ${tree.length}`);
      tree.push(frame.node);
      if (!frame.complete) cut = true;
      if (r.absByte <= at) break;
    }
    const problem = firstProblem(tree, new Set(['adts-frame-truncated']));
    if (problem) return fail(problem, tree);
    const reason = `${tree.length} ADTS frame${tree.length === 1 ? '' : 's'} back to back${cut ? ' (the paste ends inside the last one)' : ''}`;
    return { ok: true, reason, tree, score: 75 };
  },
};

/**
 * The assumptions a raw frame is read under. 44.1 and 48 kHz share their scale factor band counts (49 long,
 * 14 short), so one reading covers both; the channel layout decides whether an SCE or a CPE comes first.
 */
const RAW_READINGS: ReadonlyArray<{ ctx: RawAacContext; words: string }> = [
  { ctx: { audioObjectType: 2, samplingFrequencyIndex: 4, channelConfiguration: 2 }, words: 'AAC-LC, stereo (channel_configuration 2), 44.1 or 48 kHz' },
  { ctx: { audioObjectType: 2, samplingFrequencyIndex: 4, channelConfiguration: 1 }, words: 'AAC-LC, mono (channel_configuration 1), 44.1 or 48 kHz' },
];

/** The 7-byte ADTS header (ISO/IEC 14496-3 1.A.3.2, no CRC) that would frame `payload` bytes under `ctx`. */
export function adtsHeaderFor(ctx: Required<Pick<RawAacContext, 'audioObjectType' | 'samplingFrequencyIndex' | 'channelConfiguration'>>, payload: number): Uint8Array {
  const len = payload + 7;
  const profile = ctx.audioObjectType - 1;
  const sfi = ctx.samplingFrequencyIndex;
  const ch = ctx.channelConfiguration;
  return Uint8Array.of(
    0xff, // syncword (first 8 bits)
    0xf1, // syncword (last 4), ID 0 (MPEG-4), layer 00, protection_absent 1
    (profile << 6) | (sfi << 2) | (ch >> 2), // profile_ObjectType, sampling_frequency_index, private_bit 0, channel_configuration (high bit)
    ((ch & 3) << 6) | (len >> 11), // channel_configuration (low 2), original_copy, home, copyright bits 0, aac_frame_length (top 2)
    (len >> 3) & 0xff, // aac_frame_length (middle 8)
    ((len & 7) << 5) | 0x1f, // aac_frame_length (low 3), adts_buffer_fullness 0x7FF (top 5)
    0xfc, // adts_buffer_fullness (low 6), number_of_raw_data_blocks_in_frame 0
  );
}

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');

function playableAdvice(ctx: RawAacContext, length: number): string {
  const aot = ctx.audioObjectType ?? 2;
  const ch = ctx.channelConfiguration ?? 2;
  const at = (sfi: number): string => hex(adtsHeaderFor({ audioObjectType: aot, samplingFrequencyIndex: sfi, channelConfiguration: ch }, length));
  return (
    'to play it, each access unit needs a 7-byte ADTS header built from the stream\'s AudioSpecificConfig ' +
    '(the esds of the MP4 track, or CodecPrivateData in a Smooth Streaming manifest): `bitlens extract FILE --track N out.aac` writes them. ' +
    `For this ${length}-byte frame as AAC-LC ${ch === 1 ? 'mono' : 'stereo'} the header would be ${at(4)} at 44.1 kHz, or ${at(3)} at 48 kHz`
  );
}

export const rawAacCandidate: Candidate = {
  type: 'raw-aac',
  variant: 'raw AAC access unit (no ADTS header)',
  strength: 10,
  run(bytes) {
    const refusals: string[] = [];
    for (const { ctx, words } of RAW_READINGS) {
      const verdict = looksLikeRawAacFrame(bytes, ctx);
      if (!verdict.ok) {
        refusals.push(`as ${words.split(',')[1]!.trim()}: ${verdict.reasons.join('; ')}`);
        continue;
      }
      const node = newNode('frame', 'raw_data_block', 0, bytes.length, 'raw AAC access unit (raw_data_block, no ADTS header)');
      const r = new FieldReader(bytes, ANNOTATE, undefined, node.fields);
      const out: Diagnostic[] = [];
      node.children.push(...readRawDataBlock(r, ctx, out).nodes);
      const advice = playableAdvice(ctx, bytes.length);
      node.diagnostics.push(diagnostic('info', 'raw-aac-without-adts', `a raw AAC frame with no ADTS header: ${advice}`, 0, Math.min(bytes.length, 2)));
      const rate = sampleRateOf(ctx.samplingFrequencyIndex ?? 4);
      const notes = [
        `assumed ${words}: the first element is ${verdict.elements[0] ?? '?'}, which that layout starts with; the band tables of ${rate} Hz and 48000 Hz are the same`,
        `checked: ${verdict.checks.map((c) => c.detail).join('; ')}`,
        'the Huffman-coded scale factors and spectral data are not decoded, so the walk stops at the first channel element\'s section_data rather than at ID_END',
        advice,
      ];
      return { ok: true, reason: `${verdict.elements.join(', ')} element, read as ${words}`, tree: [node], notes, score: 10 + Math.min(9, verdict.checkedBits / 16) };
    }
    return fail(refusals.join(' | '));
  },
};
