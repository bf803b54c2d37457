/**
 * Reads a JetStream stream in order, from the seq its owner wants next, through anything the
 * loss of a NATS node does to a consumer (issue 16).
 *
 * Why not the client's ordered consumer: nats-server 2.9.10 places a new R=1 consumer on any of
 * the stream's peers, a dead one included. Measured here (3 nodes, one killed): about one
 * consumer create in three timed out for as long as the node stayed down (the create request is
 * answered by the peer that hosts the consumer). The client's ordered consumer retries a failed
 * create with the same consumer name — the one the meta leader has already assigned to the dead
 * peer — so it never recovers, and a hub's projection stalled with it (ingest stalled > 30 s).
 *
 * Here every consumer gets a fresh name; each step (create, bind, pull) has a bounded timeout;
 * a consumer that stops answering (no message and no expired pull for `stallMs`, a missed
 * heartbeat, deleted, a gap in its delivery sequence) or that delivers nothing while the stream's
 * leader holds more (`behindMs`) is dropped and a new one is made from the owner's next seq.
 * The owner can force the same (`restart`) when it sees a stall itself. CUR_CLUSTER_DEBUG=1 logs
 * every consumer made and why each ended.
 */
import { AckPolicy, DeliverPolicy, nanos, type ConsumerMessages, type JetStreamManager, type NatsConnection } from 'nats';

export interface StreamReaderOptions {
  nc: NatsConnection;
  stream: string;
  /** The seq wanted next (asked again for every consumer made). */
  next: () => number;
  /** Each message, in stream order, once per consumer; awaited before the next one. */
  onMessage: (seq: number, data: Uint8Array, subject: string) => void | Promise<void>;
  /** A consumer silent this long (no message, no expired pull) is replaced (default 6 s). */
  stallMs?: number;
  /** A consumer that delivered nothing this long while the stream holds more is replaced (default 3 s). */
  behindMs?: number;
  /** Diagnostics (CUR_CLUSTER_DEBUG=1). */
  debug?: (msg: string) => void;
}

export interface StreamReader {
  /** Drops the current consumer and makes a new one from `next()`. */
  restart(reason: string): void;
  /** Consumers replaced, and tries that made none (0 while nothing went wrong). */
  readonly restarts: number;
  /** Why the last consumer was replaced (metrics, logs). */
  readonly lastReason: string | null;
  stop(): void;
}

/** Limit of each JetStream API request of the reader (create, info); made in ms on loopback. */
const REQUEST_TIMEOUT_MS = 2000;
/** Consumers asked for at once when one is needed (the first made is kept). */
const CANDIDATES = 3;
/** Pause before the next consumer after consecutive failures. */
const BACKOFF_MS = [100, 250, 500, 1000, 2000];
/** An abandoned consumer (its peer was lost) is removed by the server after this. */
const INACTIVE_MS = 30_000;
/** How often an idle reader asks the stream's leader for its last seq. */
const POLL_MS = 2000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function readStream(opts: StreamReaderOptions): Promise<StreamReader> {
  const stallMs = opts.stallMs ?? 6000;
  const behindMs = opts.behindMs ?? 3000;
  const debug =
    opts.debug ??
    (process.env.CUR_CLUSTER_DEBUG === '1' ? (m: string) => console.error(`[cluster ${new Date().toISOString().slice(11, 23)}] ${m}`) : undefined);
  const jsm: JetStreamManager = await opts.nc.jetstreamManager({ timeout: REQUEST_TIMEOUT_MS, checkAPI: false });
  const js = opts.nc.jetstream({ timeout: REQUEST_TIMEOUT_MS });
  const prefix = `cur_${Math.random().toString(36).slice(2, 10)}`;
  let stopped = false;
  let made = 0;
  let sessions = 0;
  let current: string | null = null;
  let lastReason: string | null = null;
  let end: ((reason: string) => void) | null = null;

  /**
   * Makes CANDIDATES consumers from `from` at once and keeps the first one made (the others are
   * deleted): each lands on a dead peer with a chance of about 1 in 3, all of them rarely.
   */
  function create(from: number): Promise<string> {
    const t0 = Date.now();
    return new Promise((resolve, reject) => {
      let won = false;
      let failed = 0;
      for (let c = 0; c < CANDIDATES; c++) {
        const name = `${prefix}_${++made}`;
        jsm.consumers
          .add(opts.stream, {
            name,
            ack_policy: AckPolicy.None,
            deliver_policy: DeliverPolicy.StartSequence,
            opt_start_seq: Math.max(1, from),
            mem_storage: true,
            num_replicas: 1,
            inactive_threshold: nanos(INACTIVE_MS),
          })
          .then(
            (ci) => {
              if (won || stopped) {
                void jsm.consumers.delete(opts.stream, name).catch(() => undefined);
                // Stopped while the consumers were being made: the session ends instead of waiting for ever.
                if (!won && stopped) {
                  won = true;
                  reject(new Error('stopped'));
                }
                return;
              }
              won = true;
              debug?.(`stream ${opts.stream}: consumer ${name} from ${from} on ${ci.cluster?.leader ?? '?'} in ${Date.now() - t0} ms`);
              resolve(name);
            },
            (e: Error) => {
              if (++failed === CANDIDATES) reject(new Error(`no consumer made (${CANDIDATES} tries at once): ${e.message} after ${Date.now() - t0} ms`));
            },
          );
      }
    });
  }

  /** One consumer from `from`: resolves with the reason it ended. */
  async function session(from: number): Promise<string> {
    const name = await create(from);
    current = name;
    if (stopped) return 'stopped';
    const consumer = await js.consumers.get(opts.stream, name);
    const messages: ConsumerMessages = await consumer.consume({ max_messages: 1000, expires: 2000 });
    let reason = 'messages ended';
    let lastActivity = Date.now();
    const finish = (why: string): void => {
      if (end !== finish) return;
      end = null;
      reason = why;
      messages.stop();
    };
    end = finish;
    if (stopped) finish('stopped');
    // Behind: the stream (its leader) holds messages after ours and none came for `behindMs`.
    // A consumer made on a peer whose copy of the stream is behind (a node just restarted)
    // answers its pulls but delivers nothing until that copy catches up (seen here: > 60 s).
    let lastMessage = Date.now();
    let polling = false;
    let lastPoll = 0;
    const watch = setInterval(() => {
      if (Date.now() - lastActivity > stallMs) return finish(`silent for ${Date.now() - lastActivity} ms`);
      if (polling || Date.now() - lastMessage < behindMs || Date.now() - lastPoll < POLL_MS) return;
      polling = true;
      lastPoll = Date.now();
      jsm.streams
        .info(opts.stream)
        .then((i) => {
          if (i.state.last_seq >= opts.next() && Date.now() - lastMessage >= behindMs)
            finish(`behind: at ${opts.next() - 1}, the stream at ${i.state.last_seq}, nothing for ${Date.now() - lastMessage} ms`);
        })
        .catch(() => undefined)
        .finally(() => (polling = false));
    }, 500);
    watch.unref?.();
    void (async () => {
      for await (const s of await messages.status()) {
        // An expired pull (discard) is the server answering: the consumer is alive.
        if (s.type === 'discard') lastActivity = Date.now();
        else if (s.type === 'heartbeats_missed' && Number(s.data) >= 2) finish('heartbeats missed');
        else if (s.type === 'consumer_not_found' || s.type === 'consumer_deleted' || s.type === 'stream_not_found' || s.type === 'no_responders')
          finish(s.type);
      }
    })().catch(() => undefined);
    let delivered = 0;
    try {
      for await (const m of messages) {
        if (end !== finish) break;
        lastActivity = lastMessage = Date.now();
        // A delivery the consumer skipped (it was moved, or reset): start again from the owner's next seq.
        if (m.info.deliverySequence !== delivered + 1) {
          finish(`delivery ${m.info.deliverySequence} after ${delivered}`);
          break;
        }
        delivered = m.info.deliverySequence;
        if (m.seq < opts.next()) continue;
        await opts.onMessage(m.seq, m.data, m.subject);
      }
    } finally {
      clearInterval(watch);
      if (end === finish) end = null;
    }
    return reason;
  }

  void (async () => {
    let failures = 0;
    while (!stopped) {
      const from = opts.next();
      current = null;
      let reason: string;
      try {
        reason = await session(from);
        failures = 0;
      } catch (e) {
        reason = (e as Error).message;
        failures++;
      }
      if (stopped) break;
      sessions++;
      lastReason = reason;
      debug?.(`stream ${opts.stream}: consumer ${current ?? '-'} (from ${from}) ended: ${reason}`);
      // Best effort: one placed on a lost peer goes by itself (inactive threshold).
      if (current) jsm.consumers.delete(opts.stream, current).catch(() => undefined);
      await sleep(BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)]!);
    }
  })();

  return {
    restart(reason) {
      end?.(reason);
    },
    get restarts() {
      return sessions;
    },
    get lastReason() {
      return lastReason;
    },
    stop() {
      stopped = true;
      end?.('stopped');
    },
  };
}
