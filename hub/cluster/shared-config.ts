/**
 * The configuration versions a cluster's hub nodes share (issue 16): the stream `NAME-config`
 * (subject `NAME.config.DOCUMENT`), one message per stored version (the `ConfigVersion` as
 * JSON), read whole and in order by every node (stream-follower.ts). The stream keeps the newest
 * 100 versions of each document (max_msgs_per_subject; `history` lists those on every node), so
 * it stays bounded however often a document is saved, and a node that starts still gets every
 * document's current version. A save is published with the stream's
 * last sequence this node has applied as the expected one, so of two nodes saving at once only
 * one is stored; the other catches up and, when its version now exists, answers 409 as one
 * SQLite hub does (else — another document was saved meanwhile — it publishes again). Each
 * version another node stores reaches `onVersion` once.
 */
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import type { ConfigVersion } from '../feed-log';
import { followStream } from './stream-follower';
import { publishRetrying } from './publish-retry';
import { randomUUID } from 'node:crypto';

export interface SharedConfig {
  latest(name: string): ConfigVersion | undefined;
  version(name: string, version: number): ConfigVersion | undefined;
  /** Newest first. */
  history(name: string): ConfigVersion[];
  /** Stores `v` unless that version exists (the built-in version 1, which every node offers); does not wait. */
  offer(v: ConfigVersion): void;
  /** Stores `v` for every node; false when that version exists already (another node stored it). */
  commit(v: ConfigVersion): Promise<boolean>;
  /** Calls `fn` with each version this node learns from the stream (its own too: the store ignores a version it has). */
  onVersion(fn: (v: ConfigVersion) => void): void;
  stop(): void;
}

const enc = new TextEncoder();
/** A save that keeps meeting other documents' saves gives up after this many tries. */
const MAX_TRIES = 20;
/** Versions of each document the stream keeps (and `history` lists). */
const KEEP_VERSIONS = 100;
/** How long a save is tried again while the cluster does not answer. */
const PUBLISH_RETRY_MS = 15_000;

export async function openSharedConfig(
  nc: NatsConnection,
  jsm: JetStreamManager,
  js: JetStreamClient,
  stream: string,
  replicas: number,
  keepVersions = KEEP_VERSIONS,
): Promise<SharedConfig> {
  const name = `${stream}-config`;
  const base = `${stream}.config`;
  // One subject per document, the newest `keepVersions` of each kept by the stream
  // (max_msgs_per_subject). A stream made before that (one subject for all) is left as it is.
  const existing = await jsm.streams.info(name).catch((e: Error) => {
    if (!/not found/i.test(e.message)) throw e;
    return null;
  });
  if (!existing)
    await jsm.streams.add({
      name,
      subjects: [`${base}.>`],
      num_replicas: replicas,
      duplicate_window: 120 * 1e9,
      ...(keepVersions > 0 && { max_msgs_per_subject: keepVersions }),
    });
  const perDocument = (existing?.config.subjects ?? [`${base}.>`]).includes(`${base}.>`);
  if (!perDocument) console.error(`hub: cluster stream ${name} has one subject for every document (made before per-document subjects): not trimmed`);
  const subjectOf = (doc: string): string => (perDocument ? `${base}.${doc.replace(/[^A-Za-z0-9_-]/g, '_')}` : base);
  const docs = new Map<string, Map<number, ConfigVersion>>();
  const listeners: ((v: ConfigVersion) => void)[] = [];
  const latestVersion = (name: string): number => Math.max(0, ...(docs.get(name)?.keys() ?? []));
  const keep = (v: ConfigVersion): void => {
    let versions = docs.get(v.name);
    if (!versions) docs.set(v.name, (versions = new Map()));
    versions.set(v.version, v);
    // The versions the stream keeps (a node that starts sees those): the same history on every node.
    if (perDocument && keepVersions > 0) for (const old of versions.keys()) if (old <= v.version - keepVersions) versions.delete(old);
  };
  const follower = await followStream(nc, jsm, name, perDocument ? `${base}.>` : base, replicas, (_seq, data) => {
    let v: ConfigVersion;
    try {
      v = JSON.parse(Buffer.from(data).toString('utf8')) as ConfigVersion;
    } catch {
      return;
    }
    if (typeof v?.name !== 'string' || !Number.isInteger(v.version) || v.version < 1) return;
    const latest = latestVersion(v.name);
    // The first version of a document this node sees: the oldest the stream keeps (trimmed before it).
    if (latest === 0) {
      keep(v);
      for (const fn of listeners) fn(v);
      return;
    }
    // Version 1 offered by this node before it heard another node's: the stream's one counts.
    if (v.version === 1 && latest >= 1) return keep(v);
    if (v.version !== latest + 1) return;
    keep(v);
    for (const fn of listeners) fn(v);
  });

  return {
    latest: (name) => docs.get(name)?.get(latestVersion(name)),
    version: (name, version) => docs.get(name)?.get(version),
    history: (name) => [...(docs.get(name)?.values() ?? [])].sort((a, b) => b.version - a.version),
    offer(v) {
      if (docs.get(v.name)?.has(v.version)) return;
      keep(v);
      // Nodes that start together offer the same version 1: stored once (message id).
      publishRetrying(js, subjectOf(v.name), enc.encode(JSON.stringify(v)), { msgID: `${v.name}.${v.version}` }, PUBLISH_RETRY_MS).catch((e: Error) =>
        console.error(`hub: cluster config ${v.name} v${v.version} not stored: ${e.message}`),
      );
    },
    async commit(v) {
      for (let attempt = 0; ; attempt++) {
        const expected = follower.applied();
        try {
          // Tried again with the same id through a NATS node lost (de-duplication comes before the
          // expected-sequence check: a save stored before its ack was lost answers `duplicate`).
          const ack = await publishRetrying(
            js,
            subjectOf(v.name),
            enc.encode(JSON.stringify(v)),
            { msgID: randomUUID(), expect: { lastSequence: expected } },
            PUBLISH_RETRY_MS,
          );
          await follower.reached(ack.seq);
          return true;
        } catch (e) {
          if (!/wrong last sequence/i.test((e as Error).message) || attempt >= MAX_TRIES) throw e;
        }
        await follower.caughtUp();
        if (docs.get(v.name)?.has(v.version)) return false;
      }
    },
    onVersion(fn) {
      listeners.push(fn);
    },
    stop: () => follower.stop(),
  };
}
