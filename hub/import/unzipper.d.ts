/** The part of unzipper 0.12 (no bundled types) that `xlsx-stream.ts` uses: `Parse`, a stream of zip entries. */
declare module 'unzipper' {
  import type { Duplex, PassThrough } from 'node:stream';
  /** One zip entry: its uncompressed bytes as a stream; read it to the end or `autodrain()` it. */
  export interface Entry extends PassThrough {
    path: string;
    type: 'File' | 'Directory';
    autodrain(): NodeJS.WritableStream & { promise(): Promise<void> };
    /** The whole entry in memory (small parts only). */
    buffer(): Promise<Buffer>;
  }
  /** Pipe a zip into it; with `forceStream` it is read as a stream of {@link Entry}, in file order. */
  export function Parse(opts?: { forceStream?: boolean; verbose?: boolean }): Duplex & AsyncIterable<Entry>;
  const unzipper: { Parse: typeof Parse };
  export default unzipper;
}
