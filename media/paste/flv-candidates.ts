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
import { type Candidate, fail, firstProblem, treeDiagnostics } from './candidate.js';
import { checkAscValues, checkAvcUnits } from './config-candidates.js';
import { H264, HEVC, decodeUnits } from './nal-candidates.js';

/**
 * Diagnostics that only say the bytes stop early: a paste copied from a packet capture or a debugger often
 * ends inside a tag. They are forgiven when they reach the end of the paste and the body's start proved
 * itself (see cutShortProof); everything before the cut must still read cleanly.
 */
const ENDS_EARLY = new Set([
  'tag-data-size-beyond-end', 'tag-body-truncated', 'nal-length-exceeds-sample', 'truncated-nal-length', 'truncated-nal-unit',
  'truncated-sei-payload', 'sei-payload-exceeds-nal', 'record-truncated', 'truncated-record-extension', 'parameter-set-length-exceeds-record',
  'parameter-set-count-exceeds-record', 'nalu-length-exceeds-record', 'nalu-count-exceeds-record', 'array-count-exceeds-record',
  'amf-value-truncated', 'amf-array-count-exceeds-data', 'aac-element-truncated', 'missing-rbsp-trailing-bits',
]);

/** Where the paste is cut, when the body is read as cut short; undefined when it is read whole. */
type Cut = number | undefined;

/** The first problem of a reading, forgiving what only says the bytes end at `cut`. */
function problemBefore(nodes: readonly Node[], cut: Cut): string | undefined {
  const d = treeDiagnostics(nodes).find((x) => !(cut !== undefined && ENDS_EARLY.has(x.code) && x.end >= cut));
  return d ? `${d.code} at byte ${d.start}: ${d.message}` : undefined;
}

/** What the paste's end cut off, in words (the first diagnostic that says so). */
function cutNote(nodes: readonly Node[], cut: number, what: string): string {
  const d = treeDiagnostics(nodes).find((x) => ENDS_EARLY.has(x.code) && x.end >= cut);
  return `the paste ends inside the ${what}${d ? `: ${d.message}` : ''}; what is there reads cleanly`;
}

/**
 * A body read as cut short must prove itself by what precedes the cut: a video body of AVC or HEVC with a
 * valid packet type and, for a sequence header, composition time 0 and configurationVersion 1; script data
 * with its name. Audio and other codecs carry too little to tell a cut body from noise.
 */
function cutShortProof(bytes: Uint8Array, bodyStart: number, tagType: number, node: Node): string | undefined {
  const b0 = bytes[bodyStart] ?? 0;
  if (tagType === TAG_SCRIPT) return (node.data as FlvTagData).script?.name ? undefined : 'a cut script body must start with its name';
  if (tagType !== TAG_VIDEO || b0 & 0x80) return 'only legacy AVC/HEVC video and script bodies are read when cut short';
  const frameType = b0 >> 4;
  const codecId = b0 & 0x0f;
  const packetType = bytes[bodyStart + 1];
  if (frameType < 1 || frameType > 5 || (codecId !== 7 && codecId !== 12) || packetType === undefined || packetType > 1) return 'the body does not start as an AVC or HEVC video body';
  if (packetType === 0 && (bytes[bodyStart + 2] !== 0 || bytes[bodyStart + 3] !== 0 || bytes[bodyStart + 4] !== 0 || bytes[bodyStart + 5] !== 1)) {
    return 'a cut sequence header must have CompositionTime 0 and configurationVersion 1';
  }
  return bytes.length - bodyStart >= 10 ? undefined : 'too little of the body to tell';
}

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
function checkNalPayload(bytes: Uint8Array, node: Node, p: { offset: number; size: number }, hevc: boolean, cut: Cut): string | undefined {
  const end = Math.min(p.offset + p.size, bytes.length);
  const split = splitLengthPrefixed(bytes.subarray(p.offset, end), p.offset, 4);
  const d = split.diagnostics.find((x) => !(cut !== undefined && ENDS_EARLY.has(x.code) && x.end >= cut));
  if (d) return `${d.code} at byte ${d.start}: ${d.message}`;
  node.diagnostics.push(...split.diagnostics);
  const { nodes, problem } = decodeUnits(bytes, split.units, hevc ? HEVC : H264, 4);
  node.children.push(...nodes);
  // A unit the paste cuts may complain that it ends early, and only that.
  return cut === undefined ? problem : problemBefore(nodes, cut);
}

/** What one body's codec allows; `cut` is where the paste ends inside it. `undefined` means the body proved itself. */
function checkBody(bytes: Uint8Array, node: Node, bodyStart: number, bodyEnd: number, tagType: number, cut?: Cut): string | undefined {
  const data = node.data as FlvTagData;
  if (cut !== undefined) {
    const proof = cutShortProof(bytes, bodyStart, tagType, node);
    if (proof) return proof;
  } else if (node.fields.some((f) => f.name === 'rest')) return 'bytes follow what the body\'s syntax holds';
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
    // A cut record keeps what it read before the cut: its parameter sets must still check.
    if (config?.avc) return cut === undefined ? checkAvcUnits(config.avc, node.children) : problemBefore(node.children, cut);
    if (config?.hevc) return cut !== undefined || config.hevc.arrays.some((a) => a.nalUnitType === 33) ? undefined : 'the record holds no SPS';
    // A cut tag lists no packet (its payload is partial): the payload then runs from after the 5-byte header to the cut.
    const payload = data.packets[0] ?? (cut !== undefined && bytes[bodyStart + 1] === 1 ? { offset: bodyStart + 5, size: cut - bodyStart - 5 } : undefined);
    if (payload && (codec === 'avc1' || codec === 'hvc1')) return checkNalPayload(bytes, node, payload, codec === 'hvc1', cut);
    return cut === undefined ? undefined : 'nothing of the coded data is here to check';
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
      if (!problem) return { ok: true, reason: node.title ?? variant, tree: [node] };
      // The same body read as cut by the end of the paste: a fresh reading, as the first one kept children.
      const cutNode = readBodyNode(bytes, tagType);
      const cutProblem = problemBefore([cutNode], bytes.length) ?? checkBody(bytes, cutNode, 0, bytes.length, tagType, bytes.length);
      if (cutProblem !== undefined) return fail(problem, [node]);
      const note = cutNote([cutNode], bytes.length, 'tag body');
      return { ok: true, reason: `${cutNode.title ?? variant}, cut short`, tree: [cutNode], notes: [note], score: CUT_SHORT_SCORE };
    },
  };
}

/** Cut readings rank below whole ones of the same strength (score / 100 is added to the strength). */
const CUT_SHORT_SCORE = -50;

/** The last tag, cut inside its body by the end of the paste: kept when what is there proves itself. */
function cutTag(bytes: Uint8Array, at: number, header: Uint8Array, dataSize: number, tree: Node[]): ReturnType<Candidate['run']> {
  const bodyStart = at + TAG_HEADER_SIZE;
  const node = readTag({ start: at, header, body: bytes.subarray(bodyStart), bodyAvailable: bytes.length - bodyStart, trailer: new Uint8Array(0) }, ANNOTATE);
  const problem = problemBefore([node], bytes.length) ?? checkBody(bytes, node, bodyStart, bytes.length, header[0]! & 0x1f, bytes.length);
  if (problem) return fail(`DataSize ${dataSize} runs past the end of the bytes, and the part there does not prove itself: ${problem}`, tree);
  const all = [...tree, node];
  return {
    ok: true,
    reason: `${all.length} tag${all.length === 1 ? '' : 's'}, the last cut short: ${all.map((t) => t.title ?? t.name).join('; ')}`,
    tree: all,
    notes: [cutNote([node], bytes.length, 'last tag')],
    score: CUT_SHORT_SCORE,
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
      if (bodyStart + h.dataSize > bytes.length) return cutTag(bytes, at, header, h.dataSize, tree);
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
