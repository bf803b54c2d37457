/**
 * Ingest over socket.io (`/ingest` namespace, ingest token): the same contract as
 * `POST /api/v1/ingest`. Client → `ingest:push {upserts, removes}`; the ack arrives once the
 * accepted part is durable in the hub's log.
 */

/** Why an item was refused (counted in `cur_hub_rejected_total{reason}`). */
export const REJECT_REASONS = [
  'malformed',
  'prototype-key',
  'too-deep',
  'too-large',
  'schema',
  'unknown-municipality',
  'unknown-sector',
  'outside-republic',
  'future-timestamp',
  'stale-version',
  'unknown-org',
  'outside-municipality',
  'implausible-time',
  'inconsistent-times',
  /** A new entity while the hub holds `--max-entities` (updates of stored ones still pass). */
  'entity-cap',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Rejected {
  /** Position in `upserts` or `removes` (or 0 for the whole body). */
  index: number;
  field: 'upserts' | 'removes' | 'body';
  reason: RejectReason;
  detail: string;
}

export interface IngestResult {
  accepted: number;
  rejected: Rejected[];
  /** Seq of the change that holds the accepted items; the head seq when none were. */
  seq: number;
  /** Set when nothing could be stored (the hub's log failed, or the token's rate limit). */
  error?: string;
  /** With a rate-limit error: when to send again (ms). */
  retryAfterMs?: number;
}

export interface IngestClientEvents {
  'ingest:push': (batch: unknown, ack: (res: IngestResult) => void) => void;
}
