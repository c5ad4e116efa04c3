/**
 * Random access to the bytes of a document: nothing reads a whole file: parsers ask for ranges.
 * `read` may return fewer bytes than asked only at the end of the source.
 */
export interface ByteSource {
  /** Bytes available now (a growing source gets larger). */
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A source that grows while it is read: live captures append, parsers continue where they stopped. */
export interface GrowingByteSource extends ByteSource {
  /** True once no more bytes will come. */
  readonly complete: boolean;
}
