/**
 * The raw FLV written beside the MP4: the header, then every tag of the publish as it arrived,
 * one write per batch of tags. It keeps what the MP4 cannot (data tags, codecs it has no sample
 * entry for, the exact message bodies).
 */
import { flvFileHeader, flvTags } from '../../../media/record/flv-file.js';
import type { LiveTag } from '../rtmp/live-session.js';
import { AppendFile, type AppendFileOptions } from './append-file.js';

const TAG_TYPE = { audio: 8, video: 9, data: 18 } as const;

export class FlvFile {
  tags = 0;

  private readonly file: AppendFile;

  constructor(path: string, hasAudio: boolean, hasVideo: boolean, options: AppendFileOptions = {}) {
    this.file = new AppendFile(path, options);
    void this.file.append(flvFileHeader(hasAudio, hasVideo));
  }

  get path(): string {
    return this.file.path;
  }

  get length(): number {
    return this.file.length;
  }

  write(tags: readonly LiveTag[]): void {
    if (tags.length === 0) return;
    this.tags += tags.length;
    void this.file.append(flvTags(tags.map((t) => ({ tagType: TAG_TYPE[t.kind], timestamp: t.timestamp, body: t.body }))));
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
