/** The document cannot be written as asked (no sample access, no usable track, a configuration the output cannot carry). */
export class RemuxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemuxError';
  }
}
