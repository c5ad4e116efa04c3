/**
 * The Live tab's "test stream": publishes an FLV file (the bundled sample) to an RTMP server in
 * real time, paced by the tags' timestamps, looping until stopped, so the tab can be tried without
 * OBS. The protocol is media/formats/rtmp's RtmpPublisher; this file is only the socket and the clock.
 * On each loop the media timestamps continue (no reset) and setup tags (metadata, sequence headers)
 * are not sent again, as a real encoder's stream would look.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { type PublishTag, publishTags } from '../../../media/formats/rtmp/publish-tags.js';
import { RtmpPublisher } from '../../../media/formats/rtmp/rtmp-publisher.js';
import { HANDSHAKE_SIZE, MSG } from '../../../media/formats/rtmp/rtmp-tables.js';
import { TypedEmitter } from './typed-emitter.js';

export interface TestPublisherOptions {
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 'live'. */
  app?: string;
  /** The publish name (the stream key when the server wants one). Default 'test'. */
  stream?: string;
  /** The FLV file to publish. */
  file: string;
  /** Start over at the end (default true). */
  loop?: boolean;
  /** Media ms per wall ms (default 1: real time). */
  speed?: number;
  /** Give up when the server has not accepted the publish by then (default 10 s). */
  timeoutMs?: number;
}

export interface TestPublisherEvents {
  /** The publish ended: stopped, the file ended (no loop), or the server closed the connection. */
  end: [string];
}

/** Gap between the last tag of one loop and the first of the next (one 25 fps frame). */
const LOOP_GAP_MS = 40;

export class TestPublisher extends TypedEmitter<TestPublisherEvents> {
  /** Tags sent so far (setup tags included). */
  sent = 0;
  ended = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private next = 0;
  private loopOffset = 0;
  private loops = 0;
  private started = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly publisher: RtmpPublisher,
    private readonly tags: PublishTag[],
    private readonly options: TestPublisherOptions,
  ) {
    super();
  }

  /** Connects, publishes, and resolves once the server has accepted the publish and media flows. */
  static async start(options: TestPublisherOptions): Promise<TestPublisher> {
    const tags = publishTags(new Uint8Array(await readFile(options.file)));
    if (!tags.some((t) => !t.setup)) throw new Error(`${options.file}: no media tags to publish`);
    const host = options.host ?? '127.0.0.1';
    const app = options.app ?? 'live';
    const publisher = new RtmpPublisher(
      { app, stream: options.stream ?? 'test', tcUrl: `rtmp://${host.includes(':') ? `[${host}]` : host}:${options.port}/${app}` },
      new Uint8Array(randomBytes(HANDSHAKE_SIZE - 8)),
    );
    const socket = connect(options.port, host);
    socket.setNoDelay(true);
    const self = new TestPublisher(socket, publisher, tags, options);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail('the server did not accept the publish in time'), options.timeoutMs ?? 10_000);
      const fail = (why: string): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(`test stream: ${why}`));
      };
      socket.once('connect', () => socket.write(publisher.start()));
      socket.on('error', (e) => fail(e.message));
      socket.on('close', () => (publisher.state === 'live' ? self.finish('the server closed the connection') : fail('the server closed the connection')));
      socket.on('data', (data: Buffer) => {
        for (const out of publisher.receive(new Uint8Array(data.buffer, data.byteOffset, data.length))) socket.write(out);
        if (publisher.state === 'failed') fail(publisher.failure ?? 'refused');
        else if (publisher.state === 'live' && self.started === 0) {
          clearTimeout(timer);
          socket.removeAllListeners('error');
          socket.on('error', (e) => self.finish(`socket error: ${e.message}`));
          self.started = performance.now();
          self.pump();
          resolve();
        }
      });
    });
    return self;
  }

  /** Ends the publish cleanly (FCUnpublish, deleteStream), then closes the socket. */
  stop(): Promise<void> {
    if (this.ended) return Promise.resolve();
    for (const b of this.publisher.unpublish()) this.socket.write(b);
    return new Promise((resolve) => {
      this.socket.end(() => resolve());
      this.finish('stopped');
    });
  }

  /** Sends every tag that is due, then sleeps until the next one is. */
  private pump(): void {
    if (this.ended) return;
    const speed = this.options.speed ?? 1;
    const first = this.tags[0]!.timestamp;
    for (;;) {
      if (this.next >= this.tags.length) {
        if (this.options.loop === false) {
          void this.stop();
          return;
        }
        this.loops++;
        this.loopOffset += this.tags[this.tags.length - 1]!.timestamp - first + LOOP_GAP_MS;
        this.next = 0;
      }
      const tag = this.tags[this.next]!;
      if (this.loops > 0 && tag.setup) {
        this.next++;
        continue;
      }
      const ts = tag.timestamp + this.loopOffset;
      const due = this.started + (ts - first) / speed;
      const wait = due - performance.now();
      if (wait > 1) {
        this.timer = setTimeout(() => this.pump(), wait);
        return;
      }
      this.socket.write(tag.typeId === MSG.DataAmf0 ? this.publisher.setDataFrame(tag.body) : this.publisher.media(tag.typeId, ts, tag.body));
      this.sent++;
      this.next++;
    }
  }

  private finish(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    if (!this.socket.destroyed && reason !== 'stopped') this.socket.destroy();
    this.emit('end', reason);
  }
}
