/**
 * Messages from the feed worker to the main thread. At most one `frame` per animation frame;
 * map data travels as typed arrays (transferred, not copied) for deck.gl binary attributes,
 * panel data as small plain objects.
 */
import { sectorById } from '../../app/domain/sector';
import type { Accident, Appeal, Entity } from '../../app/domain/entity';

export type Connection = 'connecting' | 'connected' | 'disconnected';

/** Feed health as the worker sees it; times are the page's `Date.now()`. */
export interface FeedInfo {
  connection: Connection;
  epoch: string | null;
  seq: number;
  /** When the last message from the hub arrived (0 = never). */
  lastMessageAt: number;
  /** Hub clock minus local clock, from the last hello/heartbeat/delta. */
  serverOffsetMs: number;
  /** True once a complete snapshot has been applied. */
  hasState: boolean;
  /** Last connection error, in words, or null. */
  error: string | null;
  resyncs: number;
}

/** Points for one deck.gl layer: `count` items, positions as [lon, lat] pairs, RGBA colours. */
export interface PointBuffers {
  count: number;
  positions: Float32Array;
  colors: Uint8Array;
  radii: Float32Array;
}

export interface Counts {
  appeals: number;
  openAppeals: number;
  accidents: number;
  activeAccidents: number;
  residentsWithoutSupply: number;
}

export interface TickerItem {
  key: string;
  kind: Entity['kind'];
  title: string;
  municipality: string;
  at: number;
}

export interface WorkerFrame {
  type: 'frame';
  feed: FeedInfo;
  /** Present only when the entities changed since the previous frame. */
  appeals?: PointBuffers;
  accidents?: PointBuffers;
  counts?: Counts;
  ticker?: TickerItem[];
}

/** Main thread → worker. */
export type WorkerCommand = { type: 'start'; hub: string; token: string; role: 'wall' | 'touch' | 'presenter' } | { type: 'stop' };

const OPEN_STATUSES = new Set<Appeal['status']>(['new', 'in_progress', 'intermediate', 'extended']);

/** Accident colour: active ones vivid, restored ones dim. */
const ACCIDENT_ACTIVE: readonly [number, number, number, number] = [255, 82, 82, 235];
const ACCIDENT_RESOLVED: readonly [number, number, number, number] = [160, 160, 170, 110];

/** Builds the layer buffers and counts from the store's entities (one pass). */
export function encodeEntities(entities: Iterable<Entity>): { appeals: PointBuffers; accidents: PointBuffers; counts: Counts } {
  const appeals: Appeal[] = [];
  const accidents: Accident[] = [];
  for (const e of entities) (e.kind === 'appeal' ? appeals : accidents).push(e as never);
  const counts: Counts = { appeals: appeals.length, openAppeals: 0, accidents: accidents.length, activeAccidents: 0, residentsWithoutSupply: 0 };

  const a = allocate(appeals.length);
  appeals.forEach((e, i) => {
    const open = OPEN_STATUSES.has(e.status);
    if (open) counts.openAppeals++;
    const [r, g, b] = sectorById(e.sector).color;
    a.positions[2 * i] = e.lon;
    a.positions[2 * i + 1] = e.lat;
    a.colors.set([r, g, b, open ? 230 : 90], 4 * i);
    a.radii[i] = open ? 4 : 2.5;
  });

  const c = allocate(accidents.length);
  accidents.forEach((e, i) => {
    const active = e.status === 'active';
    if (active) {
      counts.activeAccidents++;
      counts.residentsWithoutSupply += e.residents;
    }
    c.positions[2 * i] = e.lon;
    c.positions[2 * i + 1] = e.lat;
    c.colors.set(active ? ACCIDENT_ACTIVE : ACCIDENT_RESOLVED, 4 * i);
    // Size by residents affected, on a log scale: 10 → 6 px, 25 000 → ~20 px.
    c.radii[i] = 5 + Math.log10(Math.max(10, e.residents)) * 3.5;
  });
  return { appeals: a, accidents: c, counts };
}

function allocate(count: number): PointBuffers {
  return { count, positions: new Float32Array(count * 2), colors: new Uint8Array(count * 4), radii: new Float32Array(count) };
}
