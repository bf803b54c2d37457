/**
 * Reusable ArrayBuffers for outgoing map frames. The worker fills a buffer, transfers it to
 * the main thread (which detaches it here), and gets it back with `recycle` once the main
 * thread has superseded it, so steady-state updates allocate nothing (issue 4, hot path).
 */

/** Smallest buffer handed out; small layers share this size class. */
const MIN_BYTES = 4096;
/** Free buffers kept at most; beyond that, returned buffers are dropped for the GC. */
const MAX_FREE = 96;

export class BufferPool {
  private readonly free: ArrayBuffer[] = [];
  /** Buffers allocated so far (for tests and diagnostics). */
  allocated = 0;

  /** A buffer of at least `bytes`: a returned one that fits, else a new one with headroom. */
  take(bytes: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const len = this.free[i]!.byteLength;
      // Fits, and does not waste a huge buffer on a tiny layer.
      if (len >= bytes && len <= Math.max(MIN_BYTES, bytes * 4) && (best < 0 || len < this.free[best]!.byteLength)) best = i;
    }
    if (best >= 0) {
      const buf = this.free[best]!;
      this.free[best] = this.free[this.free.length - 1]!;
      this.free.pop();
      return buf;
    }
    this.allocated++;
    return new ArrayBuffer(Math.max(MIN_BYTES, Math.ceil((bytes * 1.25) / 4096) * 4096));
  }

  /** Takes buffers back (detached ones, of length 0, are ignored). */
  give(buffers: readonly ArrayBuffer[]): void {
    for (const b of buffers) if (b.byteLength > 0 && this.free.length < MAX_FREE) this.free.push(b);
  }

  get freeCount(): number {
    return this.free.length;
  }

  /** A Float32Array copy of `src[0..n)` in a pooled buffer. */
  f32(src: Float32Array, n: number): Float32Array {
    const out = new Float32Array(this.take(n * 4), 0, n);
    out.set(src.subarray(0, n));
    return out;
  }

  /** A Uint8Array copy of `src[0..n)` in a pooled buffer. */
  u8(src: Uint8Array, n: number): Uint8Array {
    const out = new Uint8Array(this.take(n), 0, n);
    out.set(src.subarray(0, n));
    return out;
  }
}
