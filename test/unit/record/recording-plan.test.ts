import { describe, expect, it } from 'vitest';
import type { IndexedPacket } from '../../../media/formats/flv/flv-push-parser.js';
import type { FlvConfig } from '../../../media/formats/flv/flv-tag-data.js';
import { newAmfObject } from '../../../media/formats/amf/amf-value.js';
import { type RecordTrack, RecordingPlan, type SplitReason } from '../../../media/record/recording-plan.js';

/** Just enough of a decoder configuration: the plan compares the record bytes. */
function avc(...raw: number[]): FlvConfig {
  const bytes = Uint8Array.from(raw);
  return { kind: 'video', trackId: 0, codec: 'avc1', avc: { profileIndication: 66, profileCompatibility: 0, levelIndication: 30, lengthSize: 4, sps: [], pps: [], raw: bytes } };
}
function aac(...raw: number[]): FlvConfig {
  return { kind: 'audio', trackId: 0, codec: 'mp4a', audio: { audioObjectType: 2, samplingFrequency: 44100, channelConfiguration: 1, raw: Uint8Array.from(raw) } };
}
function packet(track: number, kind: 'video' | 'audio', dts: number, keyframe = kind === 'audio'): IndexedPacket {
  return { track, kind, trackId: 0, codec: kind === 'video' ? 'avc1' : 'mp4a', dts, pts: dts, offset: 0, size: 1, keyframe };
}
function metadata(video: boolean, audio: boolean) {
  const o = newAmfObject('ecma-array');
  if (video) o.properties.set('videocodecid', 7);
  if (audio) o.properties.set('audiocodecid', 10);
  return o;
}

function plan(waitMs = 3000) {
  const log: Array<string> = [];
  const opened: Array<{ tracks: RecordTrack[]; reason: SplitReason }> = [];
  const p = new RecordingPlan(
    {
      open: (tracks, reason) => {
        opened.push({ tracks, reason });
        log.push(`open ${reason} ${tracks.map((t) => t.kind).join('+')}`);
      },
      sample: (i, pk) => log.push(`sample ${i} ${pk.kind} ${pk.dts}`),
      skipped: (pk, why) => log.push(`skip ${pk.kind} ${pk.dts} ${why}`),
    },
    { waitMs },
  );
  return { p, log, opened };
}

const data = new Uint8Array(1);

describe('RecordingPlan', () => {
  it('waits for the sequence headers onMetaData announces, holding frames, then starts', () => {
    const { p, log } = plan();
    p.metadata(metadata(true, true), 0);
    p.config(avc(1, 2, 3), 0, 10);
    p.packet(packet(0, 'video', 0, true), data, 20);
    expect(log).toEqual([]); // audio announced, not here yet
    p.config(aac(0x12, 0x08), 1, 30);
    p.packet(packet(1, 'audio', 0), data, 40);
    expect(log).toEqual(['open first video+audio', 'sample 0 video 0', 'sample 1 audio 0']);
  });

  it('starts with what it has once the wait is over', () => {
    const { p, log } = plan(3000);
    p.metadata(metadata(true, true), 0);
    p.config(avc(1), 0, 0);
    p.packet(packet(0, 'video', 0, true), data, 100);
    p.tick(2999);
    expect(log).toEqual([]);
    p.tick(3000);
    expect(log).toEqual(['open first video', 'sample 0 video 0']);
  });

  it('ignores a repeated identical sequence header, splits on a changed one', () => {
    const { p, log } = plan();
    p.metadata(metadata(true, false), 0);
    p.config(avc(1, 2), 0, 0);
    p.packet(packet(0, 'video', 0, true), data, 0);
    p.config(avc(1, 2), 0, 0);
    p.packet(packet(0, 'video', 33), data, 0);
    p.config(avc(1, 3), 0, 0);
    p.packet(packet(0, 'video', 66), data, 0); // not a keyframe: the new file cannot start with it
    p.packet(packet(0, 'video', 100, true), data, 0);
    expect(log).toEqual(['open first video', 'sample 0 video 0', 'sample 0 video 33', 'skip video 66 before-keyframe', 'open sequence-header video', 'sample 0 video 100']);
  });

  it('makes one file of changes that come together (new video and audio headers)', () => {
    const { p, log } = plan();
    p.metadata(metadata(true, true), 0);
    p.config(avc(1), 0, 0);
    p.config(aac(0x12, 0x08), 1, 0);
    p.packet(packet(0, 'video', 0, true), data, 0);
    p.config(avc(2), 0, 0);
    p.config(aac(0x11, 0x90), 1, 0);
    p.packet(packet(0, 'video', 0, true), data, 0);
    expect(log).toEqual(['open first video+audio', 'sample 0 video 0', 'open sequence-header video+audio', 'sample 0 video 0']);
  });

  it('splits on a timestamp reset and when a track appears late', () => {
    const { p, log } = plan(100);
    p.metadata(metadata(true, false), 0);
    p.config(avc(1), 0, 0);
    p.packet(packet(0, 'video', 5000, true), data, 0);
    p.packet(packet(0, 'video', 4500), data, 0); // small step back: not a reset
    p.packet(packet(0, 'video', 0, true), data, 0); // back to 0: a republish
    p.config(aac(0x12, 0x10), 1, 0);
    p.packet(packet(1, 'audio', 10), data, 0);
    expect(log).toEqual([
      'open first video', 'sample 0 video 5000', 'sample 0 video 4500',
      'open timestamp-reset video', 'sample 0 video 0',
      'open new-track video+audio', 'sample 1 audio 10',
    ]);
  });

  it('leaves out frames of tracks without a configuration, and at the end starts with what it has', () => {
    const { p, log } = plan();
    p.packet(packet(1, 'audio', 0), data, 0);
    p.config(avc(1), 0, 0);
    p.packet(packet(0, 'video', 0, true), data, 0);
    expect(log).toEqual([]); // no metadata: waits for the audio configuration too
    p.end();
    expect(log).toEqual(['skip audio 0 no-config', 'open first video', 'sample 0 video 0']);
  });
});
