/**
 * A snapshot encoded while it streams in (issue 13, cold start): each `feed:snapshot` chunk
 * the store accepted goes into an encoder of its own (`MapEncoder.sibling`), while the one on
 * screen keeps the last good state. The encoding overlaps the transfer (the worker waits for
 * the hub between chunks), so the complete snapshot is drawn as soon as its last chunk came,
 * instead of after a pass over every entity (seconds at 10^6). Open appeals are staged without
 * their SLA clocks (`MapEncoder.stage`): drawn as on time at first, their states are computed
 * by the encoder's sweeps, a slice per frame, once the whole snapshot is on screen.
 *
 * It mirrors the entity store exactly: a chunk re-sending a key replaces it, the deltas the
 * store buffered during the snapshot are applied on top in the same order, and anything that
 * makes the store drop its snapshot (a chunk out of order, a resync) drops this one too. When
 * it cannot vouch for the result (the encoder's options changed meanwhile), `take` gives
 * nothing and the caller encodes the store's entities as before.
 */
import type { Delta, Snapshot } from '../../../app/protocol/feed';
import type { Outcome } from '../../../app/store/entity-store';
import type { MapEncoder } from './map-encoder';

export class SnapshotStaging {
  private staged: { encoder: MapEncoder; epoch: string; seq: number; complete: boolean; exact: boolean } | null = null;

  /**
   * After the store applied chunk `msg` with outcome `out`; `buffered` are the deltas the store
   * held before this chunk (it applies them when the snapshot completes). `base` is the encoder
   * on screen (the staged one copies its options); `now` the hub time to judge states at;
   * `keys` the entities' keys when the caller made them (shared with the store).
   */
  chunk(msg: Snapshot, out: Outcome, buffered: readonly Delta[], base: MapEncoder, now: number, keys?: readonly string[]): void {
    if (out.type !== 'snapshot-progress' && out.type !== 'snapshot-complete') {
      // A chunk the store refused (out of order, another snapshot) or a resync: start over.
      if (out.type === 'resync' || msg.chunk === 0) this.staged = null;
      return;
    }
    if (msg.chunk === 0 || !this.staged || this.staged.epoch !== msg.epoch || this.staged.seq !== msg.seq) {
      this.staged = { encoder: base.sibling(), epoch: msg.epoch, seq: msg.seq, complete: false, exact: base.hasEntities() };
    }
    const { encoder, exact } = this.staged;
    // Staged: placed and counted now, SLA clocks left to the sweeps after the first frame (on a
    // cold start; exact states when it replaces a picture already on the wall).
    const list = msg.entities;
    for (let i = 0; i < list.length; i++) encoder.stage(list[i]!, now, keys?.[i], exact);
    if (out.type !== 'snapshot-complete') return;
    // The store applies its buffered deltas of this epoch after the snapshot's seq, in order.
    let seq = msg.seq;
    for (const d of buffered) {
      if (d.epoch !== msg.epoch || d.seq <= seq) continue;
      for (const e of d.upserts) encoder.stage(e, now);
      for (const r of d.removes) encoder.remove(r);
      seq = d.seq;
    }
    this.staged.complete = true;
  }

  /** The encoder of the snapshot that just completed, if it was staged whole with `base`'s options; forgets it either way. */
  take(base: MapEncoder): MapEncoder | null {
    const s = this.staged;
    this.staged = null;
    return s?.complete && s.encoder.options === base.options ? s.encoder : null;
  }

  /** Drops a staged snapshot (the encoder was replaced, or the store dropped its snapshot). */
  clear(): void {
    this.staged = null;
  }
}
