/**
 * A session whose stream changes midway (ffmpeg 5.1 cannot send a new sequence header, so the
 * session is driven with the tags of two corpus FLVs one after the other, as LiveSession emits
 * them): the recorder closes the first file and continues in the next numbered one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LiveSessionInfo, LiveStats } from '../../electron/api.js';
import { FileNamer } from '../../electron/services/recorder/file-names.js';
import { SessionRecorder } from '../../electron/services/recorder/session-recorder.js';
import type { LiveSession, LiveSessionEvents, LiveTag } from '../../electron/services/rtmp/live-session.js';
import { TypedEmitter } from '../../electron/services/rtmp/typed-emitter.js';
import type { AmfValue } from '../../media/formats/amf/amf-value.js';
import type { FlvTagData } from '../../media/formats/flv/flv-tag-data.js';
import { parseFlv } from '../../media/formats/flv/parse-flv.js';
import { RtmpTrackIndex } from '../../media/formats/rtmp/rtmp-tracks.js';
import { BULK } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { fixture } from '../helpers/fixtures.js';
import { decodeErrors, files, framemd5, perStream, referenceFlv, tempDir } from '../helpers/record.js';

/** Stands in for a LiveSession: the same events, in the same order (tags before a sequence header are out first). */
class FakeSession extends TypedEmitter<LiveSessionEvents> {
  readonly tracks = new RtmpTrackIndex();
  readonly info: LiveSessionInfo = { id: 'c1-s1', app: 'live', stream: 'split', remoteAddress: '127.0.0.1', remotePort: 1, startedAt: Date.UTC(2025, 0, 2, 3, 4, 5) };
  metadata: AmfValue;
  /** Sequence headers seen so far (a recorder started mid-session catches up from them); none before play. */
  readonly configs: LiveSession['configs'] = [];
  endReason = '';

  stats(): LiveStats {
    return { bytes: 0, mediaBytes: 0, videoFrames: 0, audioFrames: 0, keyframes: 0, durationMs: 0, bitrate: 0, frameRate: 0 };
  }

  async play(file: string): Promise<void> {
    const bytes = new Uint8Array(readFileSync(file));
    const { units } = await parseFlv(new MemorySource(bytes), BULK);
    let batch: LiveTag[] = [];
    for (const u of units.filter((x) => x.node.kind === 'tag')) {
      const flv = u.node.data as FlvTagData;
      const kind = flv.tagType === 8 ? 'audio' : flv.tagType === 9 ? 'video' : 'data';
      const offset = u.node.start + 11;
      const tag: LiveTag = { kind, timestamp: flv.timestamp, body: bytes.subarray(offset, offset + flv.dataSize), flv, packets: this.tracks.packets(flv), node: u.node, offset };
      if (flv.configs.length > 0 || flv.script) {
        this.emit('tags', batch);
        batch = [];
      }
      for (const config of flv.configs) this.emit('sequence-header', { config, tag });
      if (flv.script?.name === 'onMetaData') {
        this.metadata = flv.script.values[0];
        this.emit('metadata', flv.script.values[0]);
      }
      batch.push(tag);
    }
    this.emit('tags', batch);
  }

  end(): void {
    this.endReason = 'done';
    this.emit('end', 'done');
  }
}

describe('a session whose sequence headers change', () => {
  it('continues in a new numbered file, each equal to its source', async () => {
    const dir = tempDir();
    const session = new FakeSession();
    const recorder = new SessionRecorder(session as unknown as LiveSession, new FileNamer(dir), { sync: false });
    await session.play(fixture('avc-aac.flv'));
    await session.play(fixture('avc-high-bframes.flv'));
    session.end();
    await recorder.done;
    expect(recorder.files.map((f) => f.reason)).toEqual(['first', 'sequence-header']);
    const mp4 = files(dir, '.mp4');
    expect(mp4.map((f) => f.slice(dir.length + 1))).toEqual(['live_split_2025-01-02T03-04-05Z_1.mp4', expect.stringMatching(/^live_split_.*_2\.mp4$/)]);
    expect(files(dir, '.flv').map((f) => f.slice(dir.length + 1))).toEqual(['live_split_2025-01-02T03-04-05Z_1.flv']);
    for (const [i, name] of ['avc-aac.flv', 'avc-high-bframes.flv'].entries()) {
      expect(decodeErrors(mp4[i]!)).toBe('');
      const got = perStream(framemd5(mp4[i]!).frames);
      const want = perStream(framemd5(referenceFlv(fixture(name))).frames);
      expect(got).toEqual(want);
    }
  });
});
