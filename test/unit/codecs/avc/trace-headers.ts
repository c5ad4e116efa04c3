/**
 * Helpers comparing our H.264/HEVC fields with ffmpeg's `trace_headers` bitstream filter.
 * trace_headers counts bits in the RBSP and prints extradata first, so names and values are compared,
 * not positions. Array subscripts are dropped on both sides (ffmpeg prints some, not others).
 */
import { spawnSync } from 'node:child_process';
import type { Field, Node } from '../../../../media/model/types.js';

export interface TraceSection {
  kind: string;
  fields: Array<[string, number]>;
}

const SECTION_TITLES = new Set(['Sequence Parameter Set', 'Picture Parameter Set', 'Slice Header', 'Slice Segment Header', 'Video Parameter Set', 'Supplemental Enhancement Information']);

/** Runs ffmpeg's trace_headers on a file's first video stream and splits its output into sections. */
export function traceHeaders(file: string): TraceSection[] {
  // ffmpeg logs to stderr.
  const run = spawnSync('ffmpeg', ['-hide_banner', '-v', 'trace', '-i', file, '-map', '0:v:0', '-c', 'copy', '-bsf:v', 'trace_headers', '-f', 'null', '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`ffmpeg trace_headers failed on ${file}`);
  return parseTrace(run.stderr);
}

export function parseTrace(text: string): TraceSection[] {
  const sections: TraceSection[] = [];
  let current: TraceSection | undefined;
  for (const line of text.split('\n')) {
    const at = line.indexOf('[trace_headers @');
    if (at < 0) continue;
    const body = line.slice(line.indexOf('] ', at) + 2).trim();
    if (SECTION_TITLES.has(body)) {
      current = { kind: body, fields: [] };
      sections.push(current);
      continue;
    }
    const m = /^\d+\s+(\S+)\s+[01]+ = (-?\d+)$/.exec(body);
    if (m && current) current.fields.push([m[1]!.replace(/\[[^\]]*\]/g, ''), Number(m[2])]);
    else if (!m) current = undefined;
  }
  return sections;
}

/** ffmpeg's names that differ from the specification's. */
const FFMPEG_ALIASES: Record<string, string> = {
  gaps_in_frame_num_value_allowed_flag: 'gaps_in_frame_num_allowed_flag',
};

/** Leaf fields read from bits, in order, as trace_headers lists them. */
export function flattenFields(fields: readonly Field[], skip: ReadonlySet<string> = new Set()): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const walk = (list: readonly Field[]): void => {
    for (const f of list) {
      if (f.derived || f.name === 'emulation_prevention_three_byte' || skip.has(f.name)) continue;
      if (f.fields) {
        walk(f.fields);
        continue;
      }
      const name = f.name.replace(/\[[^\]]*\]/g, '');
      const v = f.value;
      // + 0: BitCursor.se() returns -0 for code 0, which toEqual tells from 0.
      out.push([FFMPEG_ALIASES[name] ?? name, Number(v) + 0]);
    }
  };
  walk(fields);
  return out;
}

/** Our NAL nodes of one kind, flattened. */
export function sectionsOf(nodes: readonly Node[], names: ReadonlySet<string>, skip?: ReadonlySet<string>): Array<Array<[string, number]>> {
  return nodes.filter((n) => names.has(n.name)).map((n) => flattenFields(n.fields, skip));
}

/** Distinct entries, by content (SPS/PPS repeat in-band and in extradata). */
export function distinct<T>(list: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const x of list) seen.set(JSON.stringify(x), x);
  return [...seen.values()];
}
