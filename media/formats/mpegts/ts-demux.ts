/**
 * Walks a transport stream packet by packet through a ChunkWindow: checks continuity counters and PCRs,
 * reassembles PSI sections (PAT, PMT, SDT) and PES packets per PID, and hands PES packets to their stream.
 */
import { type Diagnostic, type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import type { ChunkWindow } from '../adts/chunked-reader.js';
import { type Section, readSection } from './psi-section.js';
import { Accumulator } from './segment-map.js';
import { type TsPacket, readTsPacket } from './ts-packet.js';
import { type EsStream, flushPending, flushPes, newEsStream, pushSection } from './ts-streams.js';
import { TsPacketSink } from './ts-packet-sink.js';
import { guessStream } from './stream-guess.js';
import { TIMESTAMP_RANGE, TimestampWrap } from './timestamp-wrap.js';
import { FIXED_PIDS, NULL_PID, SYNC_BYTE, hex, tsPrefix } from './ts-names.js';

/** A PES larger than this is cut (video PES packets are a few hundred KiB at most). */
const MAX_PES_BYTES = 16 * 1024 * 1024;
/** Resync gives up after scanning this far without finding three packets in a row. */
const MAX_RESYNC_SCAN = 16 * 1024 * 1024;
/** PCRs must come at least every 100 ms (2.7.2). */
const PCR_MAX_INTERVAL = 0.1 * 27e6;
/** PCR values (27 MHz: base * 300 + extension) repeat after 2^33 base ticks. */
const PCR_RANGE = TIMESTAMP_RANGE * 300;
export const MAX_TS_PACKETS = 20_000_000;
/** How far the tables are looked for before the main pass (ffmpeg probes 5 MB by default). */
const PSI_SCAN_BYTES = 8 * 1024 * 1024;

interface PesState { start: number; end: number; acc: Accumulator; declared?: number; cut: boolean }
interface PidState {
  cc?: number;
  duplicateSeen: boolean;
  lastPcr?: number;
  section?: Accumulator;
  pes?: PesState;
  orphanReported?: boolean;
}

export interface TsDemux {
  packetNodes: Node[];
  tableNodes: Node[];
  streams: EsStream[];
  diagnostics: Diagnostic[];
  /** The packets, and where each one's elementary-stream bytes begin. */
  builder: TsPacketSink;
  packetCount: number;
}

export class TsDemuxer {
  private readonly pids = new Map<number, PidState>();
  private readonly psiPids = new Set<number>([0x0000, 0x0001, 0x0002, 0x0010, 0x0011, 0x0012, 0x0013, 0x0014]);
  private readonly es = new Map<number, EsStream>();
  private readonly seenPrograms = new Set<number>();
  /** The last PMT version of each program. */
  private readonly pmtVersions = new Map<number, number>();
  private readonly wrap = new TimestampWrap();
  /** The program numbers of the first PAT. */
  private patPrograms?: Set<number>;
  /** True while findTables reads only the tables. */
  private scanning = false;
  readonly result: TsDemux = { packetNodes: [], tableNodes: [], streams: [], diagnostics: [], builder: new TsPacketSink(), packetCount: 0 };

  constructor(
    private readonly win: ChunkWindow,
    private readonly options: ParseOptions,
    /** 188; 192 for M2TS (4-byte TP_extra_header before each packet); 204 with Reed-Solomon parity after it. */
    private readonly packetSize: number,
    private readonly gridBase: number,
  ) {}

  private get prefix(): number {
    return tsPrefix(this.packetSize);
  }

  async run(): Promise<TsDemux> {
    await this.findTables();
    const size = this.win.size;
    let offset = this.gridBase;
    if (offset > 0) this.junk(0, offset, 'bytes before the first packet');
    while (offset < size) {
      if (this.result.packetCount >= MAX_TS_PACKETS) {
        this.result.diagnostics.push(diagnostic('error', 'too-many-packets', `more than ${MAX_TS_PACKETS} packets; the rest is not read`, offset, size));
        break;
      }
      const got = await this.win.ensure(offset, this.packetSize * 3);
      if (got < this.packetSize) {
        this.junk(offset, size, 'truncated packet', 'ts-truncated-packet', `the last ${size - offset} bytes are too few for a ${this.packetSize}-byte packet`);
        break;
      }
      if (this.win.bytes[this.win.at(offset + this.prefix)] !== SYNC_BYTE) {
        const next = await this.resync(offset + 1);
        this.junk(offset, next, 'garbage', 'ts-sync-lost', next < size ? `sync lost: ${next - offset} bytes skipped to the next run of packets` : 'sync lost: no further packets found');
        offset = next;
        continue;
      }
      this.packet(this.win.view(offset, this.packetSize), offset);
      offset += this.packetSize;
    }
    for (const [pid, state] of this.pids) if (state.pes) this.flush(pid, state);
    for (const s of this.es.values()) flushPending(s, this.result.builder);
    this.result.streams = [...this.es.values()];
    return this.result;
  }

  /**
   * Reads the PAT and PMTs first, from wherever they are in the first PSI_SCAN_BYTES, so that PES packets sent before
   * them (every stream cut at an arbitrary point starts so) are read as the streams they belong to, as ffmpeg's probe
   * does before it demuxes from the start. Only the streams found are kept: the tree and packets come from the main pass.
   */
  private async findTables(): Promise<void> {
    const limit = Math.min(this.win.size, this.gridBase + PSI_SCAN_BYTES);
    this.scanning = true;
    for (let offset = this.gridBase; offset + this.packetSize <= limit && !this.tablesComplete(); offset += this.packetSize) {
      if ((await this.win.ensure(offset, this.packetSize)) < this.packetSize) break;
      const bytes = this.win.view(offset, this.packetSize);
      if (bytes[this.prefix] !== SYNC_BYTE) break;
      const pid = ((bytes[this.prefix + 1]! & 0x1f) << 8) | bytes[this.prefix + 2]!;
      if (this.psiPids.has(pid)) this.packet(bytes, offset);
    }
    this.scanning = false;
    this.pids.clear();
    this.result.packetNodes = [];
    this.result.tableNodes = [];
    this.result.packetCount = 0;
  }

  /** The PAT has come and every program it lists has had its PMT. */
  private tablesComplete(): boolean {
    return this.patPrograms !== undefined && [...this.patPrograms].every((n) => this.seenPrograms.has(n));
  }

  private junk(start: number, end: number, name: string, code?: string, message?: string): void {
    const node = newNode('bytes', name, start, end);
    if (code && message) node.diagnostics.push(diagnostic(code === 'ts-truncated-packet' ? 'warning' : 'error', code, message, start, end));
    this.result.packetNodes.push(node);
  }

  /** The next offset where three packets in a row (or all that remain) start with the sync byte. */
  private async resync(from: number): Promise<number> {
    const size = this.win.size;
    const step = this.packetSize;
    const limit = Math.min(size, from + MAX_RESYNC_SCAN);
    for (let q = from; q < limit; q++) {
      await this.win.ensure(q, step * 3);
      let ok = true;
      for (let k = 0; k < 3 && q + k * step + this.prefix < size; k++) {
        if (this.win.bytes[this.win.at(q + k * step + this.prefix)] !== SYNC_BYTE) { ok = false; break; }
      }
      if (ok) return q;
    }
    return limit >= size ? size : limit;
  }

  private packet(bytes: Uint8Array, offset: number): void {
    const index = this.result.packetCount++;
    const p = readTsPacket(bytes, offset, this.prefix, this.options, index);
    const role = this.role(p.pid);
    p.node.title = `PID ${hex(p.pid)} (${role})${p.payloadUnitStart ? ', unit start' : ''}${p.adaptation?.pcr !== undefined ? ', PCR' : ''}${p.adaptation?.randomAccess ? ', random access' : ''}`;
    const duplicate = this.checkContinuity(p);
    this.checkPcr(p);
    const usable = !duplicate && !p.transportError && p.scrambling === 0 && p.payloadStart < p.payloadEnd && p.pid !== NULL_PID;
    if (p.payloadField) p.payloadField.display = this.psiPids.has(p.pid) ? 'PSI section bytes' : p.pid === NULL_PID ? 'null packet' : 'PES packet bytes';
    if (usable) {
      const payload = bytes.subarray(p.payloadStart - offset, p.payloadEnd - offset);
      if (this.psiPids.has(p.pid)) this.psiPayload(p, payload);
      else this.pesPayload(p, payload);
    }
    if (this.options.record || p.node.diagnostics.length > 0) this.result.packetNodes.push(p.node);
  }

  private role(pid: number): string {
    const s = this.es.get(pid);
    if (s) return s.node.title ?? 'PES';
    if (this.psiPids.has(pid)) return FIXED_PIDS[pid] ?? 'PMT';
    return FIXED_PIDS[pid] ?? 'unknown';
  }

  private state(pid: number): PidState {
    let s = this.pids.get(pid);
    if (!s) {
      s = { duplicateSeen: false };
      this.pids.set(pid, s);
    }
    return s;
  }

  /** continuity_counter (2.4.3.3): +1 per packet with payload; one duplicate allowed; reset by discontinuity_indicator. */
  private checkContinuity(p: TsPacket): boolean {
    if (p.pid === NULL_PID || p.adaptationFieldControl === 0) return false;
    const st = this.state(p.pid);
    const hasPayload = (p.adaptationFieldControl & 1) === 1;
    const prev = st.cc;
    st.cc = p.continuityCounter;
    if (prev === undefined || p.adaptation?.discontinuity) {
      st.duplicateSeen = false;
      return false;
    }
    const expected = hasPayload ? (prev + 1) & 0x0f : prev;
    if (p.continuityCounter === expected) {
      st.duplicateSeen = false;
      return false;
    }
    if (hasPayload && p.continuityCounter === prev && !st.duplicateSeen) {
      st.duplicateSeen = true;
      p.node.diagnostics.push(diagnostic('info', 'ts-duplicate-packet', 'a duplicate packet (same continuity_counter); its payload is ignored', p.start, p.start + 4));
      return true;
    }
    st.duplicateSeen = false;
    p.node.diagnostics.push(diagnostic('error', 'ts-continuity-error', `continuity_counter is ${p.continuityCounter}, expected ${expected}: packets of PID ${hex(p.pid)} were lost`, p.start + this.prefix + 3, p.start + this.prefix + 4));
    if (st.pes) st.pes.cut = true;
    return false;
  }

  private checkPcr(p: TsPacket): void {
    const pcr = p.adaptation?.pcr;
    if (pcr === undefined) return;
    const st = this.state(p.pid);
    const last = st.lastPcr;
    st.lastPcr = pcr;
    if (last === undefined || p.adaptation?.discontinuity) return;
    const at = p.start + this.prefix + 6;
    // program_clock_reference_base is 33 bits too: a drop of most of its range is a wrap, not a step back.
    if (pcr < last && last - pcr > PCR_RANGE / 2) {
      if (pcr + PCR_RANGE - last > PCR_MAX_INTERVAL) p.node.diagnostics.push(diagnostic('warning', 'ts-pcr-gap', `${((pcr + PCR_RANGE - last) / 27e6).toFixed(3)} s since the previous PCR (at most 0.1 s allowed)`, at, at + 6));
    } else if (pcr < last) {
      p.node.diagnostics.push(diagnostic('error', 'ts-pcr-backwards', `PCR goes back ${((last - pcr) / 27e6).toFixed(6)} s without a discontinuity_indicator`, at, at + 6));
    } else if (pcr - last > PCR_MAX_INTERVAL) {
      p.node.diagnostics.push(diagnostic('warning', 'ts-pcr-gap', `${((pcr - last) / 27e6).toFixed(3)} s since the previous PCR (at most 0.1 s allowed)`, at, at + 6));
    }
  }

  /** Sections: pointer_field on a unit start, then whole sections as their bytes arrive; 0xFF is stuffing. */
  private psiPayload(p: TsPacket, payload: Uint8Array): void {
    const st = this.state(p.pid);
    let from = 0;
    if (p.payloadUnitStart) {
      const pointer = payload[0]!;
      if (this.options.record) p.node.fields.splice(p.node.fields.length - 1, 0, { name: 'pointer_field', bitOffset: p.payloadStart * 8, bitLength: 8, value: pointer, display: `the next section starts ${pointer} bytes on` });
      from = 1;
      if (st.section && st.section.length > 0) {
        st.section.append(payload.subarray(1, 1 + pointer), p.payloadStart + 1);
        this.drainSections(p.pid, st.section);
        if (st.section.length > 0) p.node.diagnostics.push(diagnostic('error', 'psi-section-incomplete', 'a new section starts before the previous one is complete', p.start, p.start + this.packetSize));
      }
      from = Math.min(payload.length, 1 + pointer);
      st.section = new Accumulator();
    } else if (!st.section || st.section.length === 0) {
      return;
    }
    st.section.append(payload.subarray(from), p.payloadStart + from);
    this.drainSections(p.pid, st.section);
  }

  private drainSections(pid: number, acc: Accumulator): void {
    while (acc.length >= 1) {
      if (acc.byteAt(0) === 0xff) {
        acc.clear();
        return;
      }
      if (acc.length < 3) return;
      const total = 3 + (((acc.byteAt(1)! & 0x0f) << 8) | acc.byteAt(2)!);
      if (acc.length < total) return;
      const { bytes, map } = acc.take(total);
      const carried = this.es.get(pid);
      if (carried?.cls.framing === 'sections' && !this.scanning) pushSection(carried, map.fileByte(0), total, this.state(carried.pcrPid).lastPcr, this.result.builder);
      this.section(readSection(bytes, map, this.options, pid));
    }
  }

  private section(s: Section): void {
    this.result.tableNodes.push(s.node);
    if (!s.crcOk) return;
    const d = s.data;
    if (d.kind === 'pat') {
      this.patPrograms ??= new Set(d.programs.filter((prog) => prog.programNumber !== 0).map((prog) => prog.programNumber));
      for (const prog of d.programs) if (prog.programNumber !== 0) this.psiPids.add(prog.pid);
    } else if (d.kind === 'pmt') {
      this.seenPrograms.add(d.programNumber);
      const before = this.pmtVersions.get(d.programNumber);
      this.pmtVersions.set(d.programNumber, d.version);
      if (before === d.version) return;
      // Every entry is a track, decoded or not; tracks are numbered in PMT order, as ffprobe numbers streams.
      // A new version may add streams (an audio language, a metadata PID): they become tracks from there on.
      const added: number[] = [];
      for (const e of d.streams) {
        if (this.es.has(e.pid) || this.psiPids.has(e.pid)) continue;
        const s = newEsStream(e, d, this.es.size, this.wrap);
        this.es.set(e.pid, s);
        added.push(e.pid);
        if (s.cls.framing === 'sections') this.psiPids.add(e.pid);
      }
      if (before !== undefined) {
        const what = added.length ? `; new streams on PID ${added.map((pid) => hex(pid)).join(', ')}` : '';
        s.node.diagnostics.push(diagnostic('info', 'pmt-version-change', `program ${d.programNumber}'s PMT changes from version ${before} to ${d.version}${what}`, s.node.start, s.node.end));
      }
    }
  }

  private pesPayload(p: TsPacket, payload: Uint8Array): void {
    const st = this.state(p.pid);
    if (p.payloadUnitStart && !this.es.has(p.pid) && this.seenPrograms.size === 0) this.guess(p, payload);
    if (p.payloadUnitStart) {
      if (st.pes) this.flush(p.pid, st);
      st.pes = { start: p.start, end: p.start + this.packetSize, acc: new Accumulator(), cut: false };
    } else if (!st.pes) {
      if (!st.orphanReported) {
        st.orphanReported = true;
        p.node.diagnostics.push(diagnostic('info', 'ts-payload-without-pes-start', `PES data on PID ${hex(p.pid)} before any unit start (a PES begun before the file)`, p.payloadStart, p.payloadEnd));
      }
      return;
    }
    const pes = st.pes;
    pes.end = p.start + this.packetSize;
    if (pes.acc.length + payload.length > MAX_PES_BYTES) {
      if (!pes.cut) p.node.diagnostics.push(diagnostic('error', 'pes-too-large', `a PES packet over ${MAX_PES_BYTES} bytes; the rest is dropped`, p.start, pes.end));
      pes.cut = true;
      return;
    }
    pes.acc.append(payload, p.payloadStart);
    if (pes.declared === undefined && pes.acc.length >= 6) pes.declared = (pes.acc.byteAt(4)! << 8) | pes.acc.byteAt(5)!;
    // Like ffmpeg, a PES whose length is declared is complete (and handed on) as soon as its bytes are in.
    if (pes.declared && pes.acc.length >= 6 + pes.declared) this.flush(p.pid, st);
  }

  /** A PID with PES packets in a file with no PMT at all: a stream of the kind its bytes show, said so where it starts. */
  private guess(p: TsPacket, payload: Uint8Array): void {
    const entry = guessStream(p.pid, payload);
    if (!entry) return;
    const s = newEsStream(entry, { kind: 'pmt', programNumber: 0, version: 0, pcrPid: NULL_PID, streams: [entry] }, this.es.size, this.wrap);
    this.es.set(p.pid, s);
    p.node.diagnostics.push(diagnostic('info', 'ts-stream-without-pmt', `PID ${hex(p.pid)} carries PES packets but the file has no PMT: read as ${s.cls.codecName}, from its bytes`, p.start, p.start + this.packetSize));
  }

  private flush(pid: number, st: PidState): void {
    const pes = st.pes!;
    st.pes = undefined;
    const s = this.es.get(pid);
    if (!s) return;
    const take = pes.declared ? Math.min(pes.acc.length, 6 + pes.declared) : pes.acc.length;
    const extra = pes.acc.length - take;
    const { bytes, map } = pes.acc.take(take);
    flushPes(s, { bytes, map, start: pes.start, end: pes.end, packetSize: this.packetSize, gridBase: this.gridBase }, this.options, this.result.builder, this.options.record);
    if (extra > 0 && this.options.record) {
      const last = s.node.children[s.node.children.length - 1];
      last?.diagnostics.push(diagnostic('warning', 'pes-longer-than-declared', `${extra} bytes after the declared PES_packet_length`, pes.start, pes.end));
    }
  }
}
