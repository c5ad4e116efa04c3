/**
 * FLV as pasted: whole tags (the 11-byte header, the body, maybe PreviousTagSize) and tag bodies alone
 * (what an RTMP message carries). The FLV readers build the tree; the checks then ask of each body what
 * its codec allows: a record that decodes exactly, NAL units that tile the payload, a raw AAC frame.
 */
import { BitstreamError, OutOfData } from '../bits/errors.js';
import { looksLikeRawAacFrame } from '../codecs/aac/raw-aac-check.js';
import { splitLengthPrefixed } from '../codecs/avc/nal-split.js';
import { readAudioBody } from '../formats/flv/audio-tag.js';
import { type FlvTagData, newTagData } from '../formats/flv/flv-tag-data.js';
import { PREVIOUS_TAG_SIZE_BYTES, TAG_HEADER_SIZE, type TagScope, isPlausibleTag, peekTagHeader, readTag } from '../formats/flv/flv-tag.js';
import { AUDIO_FOURCCS, CODEC_IDS, SOUND_FORMATS, TAG_AUDIO, TAG_SCRIPT, TAG_TYPES, TAG_VIDEO, VIDEO_FOURCCS } from '../formats/flv/flv-tables.js';
import { readScriptBody } from '../formats/flv/script-tag.js';
import { readVideoBody } from '../formats/flv/video-tag.js';
import { FieldReader } from '../model/field-reader.js';
import { ANNOTATE, type Node, type Severity, diagnostic, newNode, rangeField } from '../model/types.js';
import { type Candidate, fail, firstProblem } from './candidate.js';
import { checkAscValues, checkAvcUnits } from './config-candidates.js';
import { H264, HEVC, decodeUnits } from './nal-candidates.js';

/** Reads a tag body alone (no tag header) at byte 0, as flv-tag.ts reads one inside a tag. */
function readBodyNode(bytes: Uint8Array, tagType: number): Node {
  const node = newNode('tag', TAG_TYPES[tagType as 8], 0, bytes.length, `${TAG_TYPES[tagType as 8]} tag body`);
  const data = newTagData(tagType, bytes.length, 0, 0, true);
  node.data = data;
  const scope: TagScope = {
    node, data, options: ANNOTATE, bodyEnd: bytes.length, availableEnd: bytes.length, loaded: true, coveredTo: 0,
    report: (severity: Severity, code: string, message: string, s = 0, e = bytes.length) => void node.diagnostics.push(diagnostic(severity, code, message, s, Math.max(s, e))),
    describe: (title) => {
      node.title = `${title} (tag body)`;
    },
  };
  const r = new FieldReader(bytes, ANNOTATE, undefined, node.fields);
  try {
    if (tagType === TAG_VIDEO) readVideoBody(r, scope);
    else if (tagType === TAG_AUDIO) readAudioBody(r, scope);
    else readScriptBody(r, scope);
  } catch (e) {
    if (!(e instanceof OutOfData) && !(e instanceof BitstreamError)) throw e;
    scope.report('error', 'tag-body-truncated', `the body ends before its fields do (${e.message})`, r.absByte);
  }
  const at = Math.max(r.absByte, scope.coveredTo);
  if (at < bytes.length) node.fields.push(rangeField('rest', at, bytes.length));
  return node;
}

/** NAL units with 4-byte lengths (the lengthSize every FLV muxer writes) that must tile the payload. */
function checkNalPayload(bytes: Uint8Array, node: Node, data: FlvTagData, hevc: boolean): string | undefined {
  const p = data.packets[0];
  if (!p) return 'the tag holds no coded frame';
  const split = splitLengthPrefixed(bytes.subarray(p.offset, p.offset + p.size), p.offset, 4);
  const d = split.diagnostics[0];
  if (d) return `${d.code} at byte ${d.start}: ${d.message}`;
  const { nodes, problem } = decodeUnits(bytes, split.units, hevc ? HEVC : H264, 4);
  node.children.push(...nodes);
  return problem;
}

/** What one body's codec allows. `undefined` means the body proved itself. */
function checkBody(bytes: Uint8Array, node: Node, bodyStart: number, bodyEnd: number, tagType: number): string | undefined {
  const data = node.data as FlvTagData;
  if (node.fields.some((f) => f.name === 'rest')) return 'bytes follow what the body\'s syntax holds';
  const b0 = bytes[bodyStart] ?? 0;
  if (tagType === TAG_SCRIPT) {
    if (!data.script?.name) return 'script data does not start with a string name';
    return undefined;
  }
  const codec = data.streams[0]?.codec ?? '';
  const config = data.configs[0];
  if (tagType === TAG_VIDEO) {
    const ex = (b0 & 0x80) !== 0;
    if (ex && VIDEO_FOURCCS[codec] === undefined) return `videoFourCc '${codec}' is not a known codec`;
    if (!ex) {
      const frameType = b0 >> 4;
      const codecId = b0 & 0x0f;
      if (frameType < 1 || frameType > 5) return `FrameType ${frameType} is reserved`;
      if (codecId !== 7 && codecId !== 12) return `CodecID ${codecId} (${(CODEC_IDS as Record<number, string>)[codecId] ?? 'reserved'}) bodies have no structure Bitlens can check`;
      const packetType = bytes[bodyStart + 1] ?? 0;
      if (packetType > 2) return `AVCPacketType ${packetType} is not 0, 1 or 2`;
      if (packetType === 0 && (bytes[bodyStart + 2] !== 0 || bytes[bodyStart + 3] !== 0 || bytes[bodyStart + 4] !== 0)) return 'a sequence header has a CompositionTime other than 0';
      if (packetType === 2 && bodyEnd - bodyStart !== 5) return 'an end-of-sequence body holds bytes after its header';
    }
    if (config?.avc) return checkAvcUnits(config.avc, node.children);
    if (config?.hevc) return config.hevc.arrays.some((a) => a.nalUnitType === 33) ? undefined : 'the record holds no SPS';
    if (data.packets.length > 0 && (codec === 'avc1' || codec === 'hvc1')) return checkNalPayload(bytes, node, data, codec === 'hvc1');
    return undefined;
  }
  const ex = b0 >> 4 === 9;
  if (ex && AUDIO_FOURCCS[codec] === undefined) return `audioFourCc '${codec}' is not a known codec`;
  if (!ex && b0 >> 4 !== 10) return `SoundFormat ${b0 >> 4} (${(SOUND_FORMATS as Record<number, string>)[b0 >> 4] ?? 'reserved'}) bodies have no structure Bitlens can check`;
  if (!ex && (bytes[bodyStart + 1] ?? 0) > 1) return `AACPacketType ${bytes[bodyStart + 1]} is not 0 or 1`;
  if (config?.audio) return checkAscValues(config.audio);
  const p = data.packets[0];
  if (p && codec === 'mp4a') {
    const verdict = looksLikeRawAacFrame(bytes.subarray(p.offset, p.offset + p.size), { audioObjectType: 2, samplingFrequencyIndex: 4 });
    if (!verdict.ok) return `the AAC frame does not parse: ${verdict.reasons.join('; ')}`;
  }
  return undefined;
}

function bodyCandidate(tagType: number, variant: string): Candidate {
  return {
    type: 'flv-tag-body',
    variant,
    strength: 85,
    run(bytes) {
      if (bytes.length < 2) return fail('too short for a tag body');
      const node = readBodyNode(bytes, tagType);
      const problem = firstProblem([node]) ?? checkBody(bytes, node, 0, bytes.length, tagType);
      if (problem) return fail(problem, [node]);
      return { ok: true, reason: node.title ?? variant, tree: [node] };
    },
  };
}

export const flvBodyCandidates: Candidate[] = [bodyCandidate(TAG_VIDEO, 'video'), bodyCandidate(TAG_AUDIO, 'audio'), bodyCandidate(TAG_SCRIPT, 'script')];

/** One or more whole tags back to back; the last may lack its PreviousTagSize (a paste often stops there). */
export const flvTagCandidate: Candidate = {
  type: 'flv-tag',
  variant: 'FLV tags',
  strength: 90,
  run(bytes) {
    const tree: Node[] = [];
    let at = 0;
    // Each tag moves on by at least its 11-byte header: the loop ends.
    while (at < bytes.length) {
      if (bytes.length - at < TAG_HEADER_SIZE) return fail(`${bytes.length - at} bytes at ${at} are too few for a tag header`, tree);
      const header = bytes.subarray(at, at + TAG_HEADER_SIZE);
      const h = peekTagHeader(header);
      if (!isPlausibleTag(h) || h.filter !== 0) return fail(`byte ${at} is not a tag header (TagType ${h.tagType}, Reserved ${h.reserved}, Filter ${h.filter})`, tree);
      if (h.streamId !== 0) return fail(`StreamID is ${h.streamId}, not 0`, tree);
      const bodyStart = at + TAG_HEADER_SIZE;
      if (bodyStart + h.dataSize > bytes.length) return fail(`DataSize ${h.dataSize} runs past the end of the bytes`, tree);
      const bodyEnd = bodyStart + h.dataSize;
      const trailer = bytes.subarray(bodyEnd, Math.min(bytes.length, bodyEnd + PREVIOUS_TAG_SIZE_BYTES));
      const node = readTag({ start: at, header, body: bytes.subarray(bodyStart, bodyEnd), bodyAvailable: h.dataSize, trailer }, ANNOTATE);
      tree.push(node);
      const last = bodyEnd + trailer.length >= bytes.length;
      const allowed = new Set(last && trailer.length === 0 ? ['previous-tag-size-missing'] : []);
      const problem = firstProblem([node], allowed) ?? checkBody(bytes, node, bodyStart, bodyEnd, h.tagType);
      if (problem) return fail(`tag at byte ${at}: ${problem}`, tree);
      at = bodyEnd + trailer.length;
    }
    return { ok: true, reason: `${tree.length} tag${tree.length === 1 ? '' : 's'}: ${tree.map((t) => t.title ?? t.name).join('; ')}`, tree };
  },
};
