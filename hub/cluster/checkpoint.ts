/**
 * Checkpoints of a cluster node's projection (issue 16): the state and tombstones at one seq,
 * kept as the object `state` of the JetStream object store `NAME-checkpoint`, so a node that
 * starts loads it and consumes only the tail of the stream, instead of replaying it from seq 1.
 *
 * Format: NDJSON; line 1 `{"seq":N,"epoch":E}`, then `["e", entity]` per entity,
 * `["t", key, version, seq]` per tombstone and `["d", seq, serverTime, upserts, removes]` per
 * delta before `seq` that the writer kept (the newest ones, as it broadcast them: a node that
 * starts from the checkpoint serves resumes from before it too; readers before these lines
 * skip them). Written from copies taken in one tick, so it is
 * consistent at `seq`; any node may write one (the newest write wins; every one is valid).
 */
import type { Entity, EntityRef } from '../../app/domain/entity';
import type { ObjectStore } from 'nats';

export interface CheckpointState {
  seq: number;
  epoch: string;
  entities: Entity[];
  tombstones: [key: string, version: number, seq: number][];
  /** The newest deltas up to `seq`, consecutive (may be empty). */
  deltas?: { seq: number; serverTime: number; upserts: Entity[]; removes: EntityRef[] }[];
}

const OBJECT = 'state';
const LINES_PER_CHUNK = 1000;

export async function writeCheckpoint(os: ObjectStore, state: CheckpointState): Promise<void> {
  const enc = new TextEncoder();
  let i = 0;
  let t = 0;
  let d = 0;
  const deltas = state.deltas ?? [];
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const lines: string[] = [];
      if (!headerSent) {
        lines.push(JSON.stringify({ seq: state.seq, epoch: state.epoch }));
        headerSent = true;
      }
      while (lines.length < LINES_PER_CHUNK && i < state.entities.length) lines.push(JSON.stringify(['e', state.entities[i++]]));
      while (lines.length < LINES_PER_CHUNK && i >= state.entities.length && t < state.tombstones.length)
        lines.push(JSON.stringify(['t', ...state.tombstones[t++]!]));
      while (lines.length < LINES_PER_CHUNK && i >= state.entities.length && t >= state.tombstones.length && d < deltas.length) {
        const x = deltas[d++]!;
        lines.push(JSON.stringify(['d', x.seq, x.serverTime, x.upserts, x.removes]));
      }
      if (lines.length > 0) controller.enqueue(enc.encode(`${lines.join('\n')}\n`));
      if (i >= state.entities.length && t >= state.tombstones.length && d >= deltas.length) controller.close();
    },
  });
  // The description names the seq and the epoch, so a node can tell without reading the object
  // whether it can load it (older checkpoints name the seq alone).
  await os.put({ name: OBJECT, description: `${state.seq} ${state.epoch}` }, body);
}

/** The seq of the stored checkpoint, or null when there is none. */
export async function checkpointSeq(os: ObjectStore): Promise<number | null> {
  return (await storedCheckpoint(os))?.seq ?? null;
}

/** The seq and epoch (null: a checkpoint written before the epoch was named) of the stored checkpoint. */
export async function storedCheckpoint(os: ObjectStore): Promise<{ seq: number; epoch: string | null } | null> {
  const info = await os.info(OBJECT);
  if (!info || info.deleted) return null;
  const [seqText, epoch] = (info.description ?? '').split(' ');
  const seq = Number(seqText);
  return Number.isInteger(seq) && seq >= 0 ? { seq, epoch: epoch || null } : null;
}

export async function readCheckpoint(os: ObjectStore): Promise<CheckpointState | null> {
  const r = await os.get(OBJECT);
  if (!r) return null;
  const out: CheckpointState & { deltas: NonNullable<CheckpointState['deltas']> } = { seq: -1, epoch: '', entities: [], tombstones: [], deltas: [] };
  const dec = new TextDecoder();
  let rest = '';
  const take = (line: string): void => {
    if (!line) return;
    const v = JSON.parse(line) as unknown;
    if (Array.isArray(v) && v[0] === 'e') out.entities.push(v[1] as Entity);
    else if (Array.isArray(v) && v[0] === 't') out.tombstones.push([v[1] as string, v[2] as number, v[3] as number]);
    else if (Array.isArray(v) && v[0] === 'd')
      out.deltas.push({ seq: v[1] as number, serverTime: v[2] as number, upserts: v[3] as Entity[], removes: v[4] as EntityRef[] });
    else if (out.seq < 0) Object.assign(out, v as { seq: number; epoch: string });
  };
  const reader = r.data.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += dec.decode(value, { stream: true });
    const lines = rest.split('\n');
    rest = lines.pop()!;
    for (const l of lines) take(l);
  }
  take(rest);
  if (await r.error) return null;
  return out.seq >= 0 ? out : null;
}
