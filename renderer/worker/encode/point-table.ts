/**
 * A dense table of per-item attributes (struct of arrays) keyed by entity key: items live in
 * slots [0, count), an update rewrites one slot in place, a removal moves the last item into
 * the hole. So a change costs O(1) and the arrays are always ready to copy out as deck.gl
 * binary attributes.
 */
import type { BufferPool } from './buffer-pool';

export interface FieldSpec {
  kind: 'f32' | 'u8';
  /** Components per item. */
  size: number;
}
export type Fields = Record<string, FieldSpec>;
type ArrayOf<S extends FieldSpec> = S['kind'] extends 'f32' ? Float32Array : Uint8Array;
export type TableArrays<F extends Fields> = { [K in keyof F]: ArrayOf<F[K]> };

function alloc(spec: FieldSpec, capacity: number): Float32Array | Uint8Array {
  return spec.kind === 'f32' ? new Float32Array(capacity * spec.size) : new Uint8Array(capacity * spec.size);
}

/**
 * An item that keeps its own slot (`place`/`vacate`), so the table needs no key map: the map
 * encoder's appeal records (at 10^6 appeals a second map of keys costs ≈ 30 MB and a hash
 * insertion per item). −1: not in the table. A table holds keyed items or holders, not both.
 */
export interface SlotHolder {
  slot: number;
}

export class PointTable<F extends Fields> {
  arrays: TableArrays<F>;
  count = 0;
  /** Set by every change; the encoder clears it when it copies the table out. */
  dirty = true;
  private capacity: number;
  private keys: string[] = [];
  private readonly index = new Map<string, number>();
  private holders: SlotHolder[] = [];

  constructor(
    readonly fields: F,
    capacity = 1024,
  ) {
    this.capacity = capacity;
    this.arrays = this.allocate(capacity);
  }

  private allocate(capacity: number): TableArrays<F> {
    const out = {} as Record<string, Float32Array | Uint8Array>;
    for (const [name, spec] of Object.entries(this.fields)) out[name] = alloc(spec, capacity);
    return out as TableArrays<F>;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** The slot of `key`, appending a new one (and growing the arrays) when absent. */
  acquire(key: string): number {
    const found = this.index.get(key);
    if (found !== undefined) return found;
    if (this.count === this.capacity) this.grow();
    const slot = this.count++;
    this.index.set(key, slot);
    this.keys[slot] = key;
    this.dirty = true;
    return slot;
  }

  /** The slot of `h`, appending it (and growing the arrays) when it has none. */
  place(h: SlotHolder): number {
    if (h.slot >= 0) return h.slot;
    if (this.count === this.capacity) this.grow();
    const slot = this.count++;
    h.slot = slot;
    this.holders[slot] = h;
    this.dirty = true;
    return slot;
  }

  /** Takes `h` out (its slot becomes −1); the last item moves into its slot. */
  vacate(h: SlotHolder): void {
    const slot = h.slot;
    if (slot < 0 || this.holders[slot] !== h) return;
    const last = this.count - 1;
    if (slot !== last) {
      for (const [name, spec] of Object.entries(this.fields)) {
        const a = this.arrays[name] as Float32Array | Uint8Array;
        a.copyWithin(slot * spec.size, last * spec.size, (last + 1) * spec.size);
      }
      const moved = this.holders[last]!;
      this.holders[slot] = moved;
      moved.slot = slot;
    }
    this.holders.length = last;
    h.slot = -1;
    this.count = last;
    this.dirty = true;
  }

  private grow(): void {
    this.capacity *= 2;
    const next = this.allocate(this.capacity);
    for (const name of Object.keys(this.fields)) (next[name] as Float32Array | Uint8Array).set(this.arrays[name] as Float32Array | Uint8Array);
    this.arrays = next;
  }

  /** Removes `key`; the last item moves into its slot. False when absent. */
  remove(key: string): boolean {
    const slot = this.index.get(key);
    if (slot === undefined) return false;
    const last = this.count - 1;
    if (slot !== last) {
      for (const [name, spec] of Object.entries(this.fields)) {
        const a = this.arrays[name] as Float32Array | Uint8Array;
        a.copyWithin(slot * spec.size, last * spec.size, (last + 1) * spec.size);
      }
      const movedKey = this.keys[last]!;
      this.keys[slot] = movedKey;
      this.index.set(movedKey, slot);
    }
    this.keys.length = last;
    this.index.delete(key);
    this.count = last;
    this.dirty = true;
    return true;
  }

  clear(): void {
    this.index.clear();
    this.keys = [];
    for (const h of this.holders) h.slot = -1;
    this.holders = [];
    this.count = 0;
    this.dirty = true;
  }

  /** Copies [0, count) of every field into pooled buffers (the outgoing frame's arrays). */
  copyOut(pool: BufferPool): TableArrays<F> {
    const out = {} as Record<string, Float32Array | Uint8Array>;
    for (const [name, spec] of Object.entries(this.fields)) {
      const a = this.arrays[name] as Float32Array | Uint8Array;
      const n = this.count * spec.size;
      out[name] = a instanceof Float32Array ? pool.f32(a, n) : pool.u8(a, n);
    }
    return out as TableArrays<F>;
  }
}
