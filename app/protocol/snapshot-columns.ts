/**
 * Feed protocol v1, columnar snapshot (issue 13, cold start at 10^6 entities): one
 * `feed:snapshot-columns` chunk carries up to {@link COLUMN_CHUNK_SIZE} entities as typed-array
 * columns in one binary socket.io attachment, instead of a JSON object per entity. A client
 * asks for it in the handshake (`auth.snapshot = 'columns'`, {@link SNAPSHOT_FORMAT_COLUMNS});
 * a hub that does not know the field ignores it and sends the JSON `feed:snapshot` chunks, which
 * every client still takes, and an old client that does not ask gets JSON as before. Deltas,
 * resumes, hello and heartbeats are unchanged; the chunks follow the same rules as
 * `feed:snapshot` (consistent at one `seq`, `chunk` counts from 0 to `chunks` − 1), and decode to
 * exactly the {@link Snapshot} chunk the JSON path would give (entities in the same order).
 *
 * What goes in columns: appeals whose keys are all column fields below (the public projection
 * always is; the hub encodes the projected entity, so the projection decides what is sent).
 * Everything else (accidents, weather, an appeal with another field) travels as JSON in `rest`,
 * at the positions `restAt` in the chunk. Strings (municipality, sector, topic, org, title,
 * text, accidentId, repeatOf) are indices into the chunk's string table `strings` (deduplicated:
 * a million appeals share a few hundred titles); ids are ASCII bytes. Layout of `data` (native
 * little-endian typed arrays, `n` = count of column appeals):
 *
 * | Float64 × n each | version, lon, lat, createdAt, dueAt, answeredAt, registeredAt (NaN: absent) |
 * | Uint32 × n each  | idEnd (cumulative end of each id in the id bytes), municipality, sector, topic+1 (0: absent), org, title, text, accidentId+1, repeatOf+1 |
 * | Uint8 × n each   | channel, importance, status, satisfaction+1 (0: absent), redirect+1 |
 * | id bytes         | ASCII |
 *
 * Decoding refuses anything the entity schemas would refuse (a bad index, a value out of
 * range, an id that is not one, a length that does not add up) with a reason; the caller counts
 * it and drops the chunk, and the store keeps its last good state (as with a bad JSON chunk).
 */
import { z } from 'zod';
import { APPEAL_CHANNELS, APPEAL_SATISFACTION, APPEAL_STATUSES, AppealSchema, EntitySchema, type Appeal, type Entity } from '../domain/entity';
import type { Snapshot } from './feed';

/** The handshake field a client sets to get columnar snapshots: `auth: {token, snapshot: 'columns'}`. */
export const SNAPSHOT_FORMAT_COLUMNS = 'columns';
/** Version of the column layout. */
export const COLUMNS_FORMAT = 1;
/** Most entities in one `feed:snapshot-columns` chunk. */
export const COLUMN_CHUNK_SIZE = 10_000;

const F64 = ['version', 'lon', 'lat', 'createdAt', 'dueAt', 'answeredAt', 'registeredAt'] as const;
const U32 = ['idEnd', 'municipality', 'sector', 'topic', 'org', 'title', 'text', 'accidentId', 'repeatOf'] as const;
const U8 = ['channel', 'importance', 'status', 'satisfaction', 'redirect'] as const;
const IMPORTANCE = ['normal', 'high'] as const;
const REDIRECT = ['pending', 'done'] as const;

/**
 * Every key of an appeal: carried by a column, or sending the appeal as JSON (`rest`). Typed as
 * a record of the schema's keys, so a field added to the schema tomorrow fails to compile here
 * until it is placed.
 */
const APPEAL_KEYS: Record<keyof Appeal, 'column' | 'rest'> = {
  kind: 'column',
  id: 'column',
  version: 'column',
  municipality: 'column',
  lon: 'column',
  lat: 'column',
  channel: 'column',
  sector: 'column',
  topic: 'column',
  org: 'column',
  importance: 'column',
  status: 'column',
  title: 'column',
  text: 'column',
  createdAt: 'column',
  dueAt: 'column',
  answeredAt: 'column',
  accidentId: 'column',
  registeredAt: 'column',
  redirect: 'column',
  satisfaction: 'column',
  applicant: 'rest',
  applicantKey: 'rest',
  address: 'rest',
  objectKey: 'rest',
  repeatOf: 'column',
};
const REST_KEYS = (Object.keys(APPEAL_KEYS) as (keyof Appeal)[]).filter((k) => APPEAL_KEYS[k] === 'rest');

/** One columnar chunk as it travels (`data`: an ArrayBuffer in a browser, a Buffer in Node). */
export interface SnapshotColumns {
  epoch: string;
  seq: number;
  chunk: number;
  chunks: number;
  format: typeof COLUMNS_FORMAT;
  /** Appeals in the columns. */
  count: number;
  strings: string[];
  rest: Entity[];
  /** Position in the chunk of each `rest` entity, increasing. */
  restAt: number[];
  data: Uint8Array | ArrayBuffer;
}

const seqSchema = z.number().int().nonnegative();
/** Everything but `data` (checked by hand) and the rest's entities (checked with EntitySchema). */
const HeaderSchema = z.strictObject({
  epoch: z.string().min(1).max(64),
  seq: seqSchema,
  chunk: seqSchema,
  chunks: z.number().int().positive(),
  format: z.literal(COLUMNS_FORMAT),
  count: z.number().int().nonnegative().max(COLUMN_CHUNK_SIZE),
  strings: z.array(z.string()),
  rest: z.array(z.unknown()).max(COLUMN_CHUNK_SIZE),
  restAt: z.array(seqSchema),
  data: z.unknown(),
});

const isColumnAppeal = (e: Entity): e is Appeal => {
  if (e.kind !== 'appeal') return false;
  for (const k of REST_KEYS) if (e[k] !== undefined) return false;
  return true;
};

/** Bytes of `data` for `n` appeals with `idBytes` bytes of ids. */
const dataBytes = (n: number, idBytes: number) => n * (8 * F64.length + 4 * U32.length + U8.length) + idBytes;

/**
 * Encodes `entities` (already projected for the reader: the columns carry what they hold, no
 * more) as one chunk. The ids must be valid (ASCII, as the schema says): the hub's entities are.
 */
export function encodeSnapshotColumns(head: Pick<Snapshot, 'epoch' | 'seq' | 'chunk' | 'chunks'>, entities: readonly Entity[]): SnapshotColumns {
  const appeals: Appeal[] = [];
  const rest: Entity[] = [];
  const restAt: number[] = [];
  let idBytes = 0;
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i]!;
    if (isColumnAppeal(e)) {
      appeals.push(e);
      idBytes += e.id.length;
    } else {
      rest.push(e);
      restAt.push(i);
    }
  }
  const n = appeals.length;
  const buf = new ArrayBuffer(dataBytes(n, idBytes));
  const f64 = F64.map((_, k) => new Float64Array(buf, 8 * n * k, n));
  const u32Base = 8 * n * F64.length;
  const u32 = U32.map((_, k) => new Uint32Array(buf, u32Base + 4 * n * k, n));
  const u8Base = u32Base + 4 * n * U32.length;
  const u8 = U8.map((_, k) => new Uint8Array(buf, u8Base + n * k, n));
  const ids = new Uint8Array(buf, u8Base + n * U8.length, idBytes);
  const strings: string[] = [];
  const table = new Map<string, number>();
  const str = (s: string): number => {
    let i = table.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      table.set(s, i);
    }
    return i;
  };
  const [version, lon, lat, createdAt, dueAt, answeredAt, registeredAt] = f64 as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const [idEnd, mun, sector, topic, org, title, text, accidentId, repeatOf] = u32 as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  const [channel, importance, status, satisfaction, redirect] = u8 as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const a = appeals[i]!;
    version[i] = a.version;
    lon[i] = a.lon;
    lat[i] = a.lat;
    createdAt[i] = a.createdAt;
    dueAt[i] = a.dueAt ?? NaN;
    answeredAt[i] = a.answeredAt ?? NaN;
    registeredAt[i] = a.registeredAt ?? NaN;
    const id = a.id;
    for (let c = 0; c < id.length; c++) ids[at++] = id.charCodeAt(c);
    idEnd[i] = at;
    mun[i] = str(a.municipality);
    sector[i] = str(a.sector);
    topic[i] = a.topic === undefined ? 0 : str(a.topic) + 1;
    org[i] = str(a.org);
    title[i] = str(a.title);
    text[i] = str(a.text);
    accidentId[i] = a.accidentId === undefined ? 0 : str(a.accidentId) + 1;
    repeatOf[i] = a.repeatOf === undefined ? 0 : str(a.repeatOf) + 1;
    channel[i] = APPEAL_CHANNELS.indexOf(a.channel);
    importance[i] = IMPORTANCE.indexOf(a.importance);
    status[i] = APPEAL_STATUSES.indexOf(a.status);
    satisfaction[i] = a.satisfaction === undefined ? 0 : APPEAL_SATISFACTION.indexOf(a.satisfaction) + 1;
    redirect[i] = a.redirect === undefined ? 0 : REDIRECT.indexOf(a.redirect) + 1;
  }
  return { ...head, format: COLUMNS_FORMAT, count: n, strings, rest, restAt, data: new Uint8Array(buf) };
}

export type DecodeResult = { ok: true; snapshot: Snapshot } | { ok: false; error: string };

/** Bytes allowed in an id (the schema's `^[A-Za-z0-9_.:-]+$`). */
const ID_BYTE = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-') ID_BYTE[c.charCodeAt(0)] = 1;
const MAX_ID = 64;
const MAX_TIME = 8.64e15;

const isTime = (t: number) => Number.isSafeInteger(t) && t >= 0 && t <= MAX_TIME;
/** Each string field, checked by the appeal schema's own field (once per distinct string and field). */
type StringField = 'municipality' | 'sector' | 'topic' | 'org' | 'title' | 'text' | 'accidentId' | 'repeatOf';

/** ASCII bytes as one string (ids are validated as ASCII first). */
function asciiString(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]));
  return parts.join('');
}

/**
 * Decodes and checks one chunk: the snapshot chunk it stands for, or why it is refused.
 * `checkEntity` decides the `rest` entities (default: EntitySchema); a caller with a faster
 * check that agrees with the schema may pass it.
 */
export function decodeSnapshotColumns(raw: unknown, checkEntity: (v: unknown) => boolean = (v) => EntitySchema.safeParse(v).success): DecodeResult {
  const h = HeaderSchema.safeParse(raw);
  if (!h.success) return { ok: false, error: `header: ${h.error.issues[0]?.path.join('.') ?? ''} ${h.error.issues[0]?.message ?? 'invalid'}` };
  const m = h.data;
  const d = m.data;
  let bytes: Uint8Array;
  if (d instanceof ArrayBuffer) bytes = new Uint8Array(d);
  else if (d instanceof Uint8Array) bytes = d;
  else return { ok: false, error: 'data: not binary' };
  const n = m.count;
  const { strings, rest, restAt } = m;
  const total = n + rest.length;
  if (total > COLUMN_CHUNK_SIZE) return { ok: false, error: 'count: too many entities' };
  if (restAt.length !== rest.length) return { ok: false, error: 'restAt: length differs from rest' };
  for (let i = 0; i < restAt.length; i++) {
    if (restAt[i]! >= total || (i > 0 && restAt[i]! <= restAt[i - 1]!)) return { ok: false, error: 'restAt: not increasing positions in the chunk' };
    if (!checkEntity(rest[i])) return { ok: false, error: `rest.${i}: not a valid entity` };
  }
  const fixed = dataBytes(n, 0);
  if (bytes.byteLength < fixed) return { ok: false, error: 'data: shorter than the columns' };
  // Typed views need aligned offsets: a Buffer from a pool may start anywhere.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const buf = bytes.buffer;
  const base = bytes.byteOffset;
  const f64 = (k: number) => new Float64Array(buf, base + 8 * n * k, n);
  const u32Base = base + 8 * n * F64.length;
  const u32 = (k: number) => new Uint32Array(buf, u32Base + 4 * n * k, n);
  const u8Base = u32Base + 4 * n * U32.length;
  const u8 = (k: number) => new Uint8Array(buf, u8Base + n * k, n);
  const idBytes = bytes.byteLength - fixed;
  const ids = new Uint8Array(buf, u8Base + n * U8.length, idBytes);
  const [version, lon, lat, createdAt, dueAt, answeredAt, registeredAt] = [0, 1, 2, 3, 4, 5, 6].map(f64) as Float64Array[] as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const [idEnd, mun, sector, topic, org, title, text, accidentId, repeatOf] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(u32) as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  const [channel, importance, status, satisfaction, redirect] = [0, 1, 2, 3, 4].map(u8) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  for (let i = 0; i < idBytes; i++) {
    const b = ids[i]!;
    if (b >= 128 || !ID_BYTE[b]) return { ok: false, error: 'ids: a byte that no id may hold' };
  }
  // Each string of the table, checked once per field it is used in: 0 unchecked, 1 good, 2 bad.
  const verdicts = new Map<StringField, Uint8Array>();
  const verdictsOf = (field: StringField): Uint8Array => {
    let v = verdicts.get(field);
    if (!v) verdicts.set(field, (v = new Uint8Array(strings.length)));
    return v;
  };
  const judge = (field: StringField, v: Uint8Array, index: number): boolean => {
    if (index >= strings.length) return false;
    if (v[index] === 0) v[index] = AppealSchema.shape[field].safeParse(strings[index]).success ? 1 : 2;
    return v[index] === 1;
  };
  const [vMun, vSector, vTopic, vOrg, vTitle, vText, vAccident, vRepeat] = (
    ['municipality', 'sector', 'topic', 'org', 'title', 'text', 'accidentId', 'repeatOf'] as const
  ).map(verdictsOf) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const idText = asciiString(ids);
  const entities: Entity[] = new Array<Entity>(total);
  let r = 0;
  let start = 0;
  for (let i = 0, k = 0; k < total; k++) {
    if (r < restAt.length && restAt[r] === k) {
      entities[k] = rest[r++] as Entity;
      continue;
    }
    const end = idEnd[i]!;
    if (end <= start || end - start > MAX_ID || end > idBytes) return { ok: false, error: `idEnd.${i}: not the end of an id` };
    const v = version[i]!;
    const x = lon[i]!;
    const y = lat[i]!;
    const created = createdAt[i]!;
    const due = dueAt[i]!;
    const answered = answeredAt[i]!;
    const registered = registeredAt[i]!;
    if (!Number.isSafeInteger(v) || v < 0) return { ok: false, error: `version.${i}: not a version` };
    if (!(x >= -180 && x <= 180) || !(y >= -90 && y <= 90)) return { ok: false, error: `lon/lat.${i}: out of range` };
    if (
      !isTime(created) ||
      (!Number.isNaN(due) && !isTime(due)) ||
      (!Number.isNaN(answered) && !isTime(answered)) ||
      (!Number.isNaN(registered) && !isTime(registered))
    )
      return { ok: false, error: `times.${i}: not a time` };
    const ch = channel[i]!;
    const im = importance[i]!;
    const st = status[i]!;
    const sat = satisfaction[i]!;
    const red = redirect[i]!;
    if (ch >= APPEAL_CHANNELS.length || im >= IMPORTANCE.length || st >= APPEAL_STATUSES.length || sat > APPEAL_SATISFACTION.length || red > REDIRECT.length)
      return { ok: false, error: `codes.${i}: out of range` };
    const mu = mun[i]!;
    const se = sector[i]!;
    const tp = topic[i]!;
    const or = org[i]!;
    const ti = title[i]!;
    const te = text[i]!;
    const ac = accidentId[i]!;
    const rp = repeatOf[i]!;
    if (
      (vMun[mu] !== 1 && !judge('municipality', vMun, mu)) ||
      (vSector[se] !== 1 && !judge('sector', vSector, se)) ||
      (tp !== 0 && vTopic[tp - 1] !== 1 && !judge('topic', vTopic, tp - 1)) ||
      (vOrg[or] !== 1 && !judge('org', vOrg, or)) ||
      (vTitle[ti] !== 1 && !judge('title', vTitle, ti)) ||
      (vText[te] !== 1 && !judge('text', vText, te)) ||
      (ac !== 0 && vAccident[ac - 1] !== 1 && !judge('accidentId', vAccident, ac - 1)) ||
      (rp !== 0 && vRepeat[rp - 1] !== 1 && !judge('repeatOf', vRepeat, rp - 1))
    )
      return { ok: false, error: `strings.${i}: an index out of the table or a value the schema refuses` };
    // The public projection's key order (hub/projection.ts), optional keys only when present.
    // One literal for the keys up to `createdAt` (with or without a topic): the object is made
    // whole at once, not grown key by key (at 10^6 entities each regrowth is garbage to collect).
    const id = idText.slice(start, end);
    const a: Record<string, unknown> =
      tp === 0
        ? {
            kind: 'appeal',
            id,
            version: v,
            municipality: strings[mu],
            lon: x,
            lat: y,
            channel: APPEAL_CHANNELS[ch],
            sector: strings[se],
            org: strings[or],
            importance: IMPORTANCE[im],
            status: APPEAL_STATUSES[st],
            title: strings[ti],
            text: strings[te],
            createdAt: created,
          }
        : {
            kind: 'appeal',
            id,
            version: v,
            municipality: strings[mu],
            lon: x,
            lat: y,
            channel: APPEAL_CHANNELS[ch],
            sector: strings[se],
            topic: strings[tp - 1],
            org: strings[or],
            importance: IMPORTANCE[im],
            status: APPEAL_STATUSES[st],
            title: strings[ti],
            text: strings[te],
            createdAt: created,
          };
    if (!Number.isNaN(due)) a.dueAt = due;
    if (!Number.isNaN(answered)) a.answeredAt = answered;
    if (ac !== 0) a.accidentId = strings[ac - 1];
    if (sat !== 0) a.satisfaction = APPEAL_SATISFACTION[sat - 1];
    if (rp !== 0) a.repeatOf = strings[rp - 1];
    if (!Number.isNaN(registered)) a.registeredAt = registered;
    if (red !== 0) a.redirect = REDIRECT[red - 1];
    entities[k] = a as Appeal;
    start = end;
    i++;
  }
  if (r !== rest.length) return { ok: false, error: 'restAt: a position beyond the chunk' };
  if (n > 0 && idEnd[n - 1] !== idBytes) return { ok: false, error: 'data: id bytes do not add up' };
  if (n === 0 && idBytes !== 0) return { ok: false, error: 'data: id bytes without appeals' };
  return { ok: true, snapshot: { epoch: m.epoch, seq: m.seq, chunk: m.chunk, chunks: m.chunks, entities } };
}
