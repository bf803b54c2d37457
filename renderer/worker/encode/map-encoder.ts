/**
 * The worker's incremental map encoder: keeps every layer's attributes in dense tables,
 * updates only the items a delta touched, re-evaluates time-dependent state (SLA, overdue
 * restoration) in bounded slices, and copies the changed layers into pooled buffers once per
 * frame. A change costs O(1); a frame costs one memcpy per changed layer (issue 4).
 */
import { ACCIDENT_RESOURCES, entityKey, type Accident, type Appeal, type Entity, type EntityRef } from '../../../app/domain/entity';
import { normalizeOktmo, type MunicipalitySetId } from '../../../app/domain/municipality';
import { ACCIDENTS_SECTOR, ALL_SECTORS, DEFAULT_SECTORS, sectorById, sectorIndex, type Sector } from '../../../app/domain/sector';
import { DEFAULT_SLA_RULES } from '../../../app/sla/sla-rules';
import { slaClock, slaInfo, type SlaInfo, type SlaStatus } from '../../../app/sla/sla-state';
import type { AccidentBuffers, ArrivalBuffers, Counts, HexBuffers, LinkBuffers, MapFrame, MunicipalityStat, PointBuffers } from '../frame';
import {
  ACCIDENT_ACTIVE_LOOK,
  ACCIDENT_PLANNED_LOOK,
  ACCIDENT_RESOLVED_LOOK,
  accidentOverdue,
  accidentRadius,
  appealLook,
  hexColor,
} from '../../../app/ui/map-look';
import type { BufferPool } from './buffer-pool';
import { DueQueue } from './due-queue';
import { hexCell, hexCenter } from './hex-grid';
import { PointTable, type SlotHolder } from './point-table';

const POINT_FIELDS = {
  positions: { kind: 'f32', size: 2 },
  fillColors: { kind: 'u8', size: 4 },
  lineColors: { kind: 'u8', size: 4 },
  radii: { kind: 'f32', size: 1 },
  lineWidths: { kind: 'f32', size: 1 },
  /** Sector index (`sectorIndex`): the GPU filter of the sector scenes. */
  sectors: { kind: 'f32', size: 1 },
} as const;
const ACCIDENT_FIELDS = {
  positions: { kind: 'f32', size: 2 },
  fillColors: { kind: 'u8', size: 4 },
  lineColors: { kind: 'u8', size: 4 },
  iconColors: { kind: 'u8', size: 4 },
  radii: { kind: 'f32', size: 1 },
  icons: { kind: 'u8', size: 1 },
  ringRadii: { kind: 'f32', size: 1 },
  pulseStarts: { kind: 'f32', size: 1 },
} as const;

/** Per-sector cell keys: `cell * SECTOR_KEYS + sector index` (sectors beyond share the last). */
const SECTOR_KEYS = 256;
/** How many recent arrivals pulse at once. */
export const ARRIVAL_CAPACITY = 64;
/** Most re-evaluations per sweep (keeps a worker tick short when many fall due at once). */
const SWEEP_SLICE = 20_000;
/** How long a restored accident stays on the map (ms). */
const RESOLVED_SHOWN_MS = 24 * 3_600_000;
/** Time-dependent state is re-checked no more often than this (ms). */
const MIN_RECHECK_MS = 1000;
const OPEN_STATUSES = new Set<Appeal['status']>(['new', 'in_progress', 'intermediate', 'extended']);
/** The statuses `slaInfo` calls closed whatever the time (app/sla/sla-state.ts). */
const CLOSED_STATUSES = new Set<Appeal['status']>(['answered', 'closed']);

interface AppealRec extends SlotHolder {
  sla: SlaStatus;
  /** When the SLA state may next change by time alone (hub ms; Infinity = never). */
  checkAt: number;
  open: boolean;
  mun: string;
  /** Sector index. */
  sector: number;
  cell: number;
  /** The appeal as last upserted (its place, its accident; re-evaluated from it when due). */
  entity: Appeal;
}

interface AccidentRec {
  checkAt: number;
  active: boolean;
  /** On the map: active, or restored within the last day. */
  shown: boolean;
  overdue: boolean;
  residents: number;
  lon: number;
  lat: number;
  entity: Accident;
}

/**
 * When an appeal's SLA state may next change by time alone. Working time never runs faster
 * than the wall clock, so the basis time left above the at-risk thresholds is a safe lower
 * bound in wall-clock ms; the deadline itself is `remainingMs` away.
 */
export function nextSlaCheck(info: SlaInfo, allowedBasisMs: number, now: number): number {
  const { atRisk } = DEFAULT_SLA_RULES;
  let wait: number;
  switch (info.status) {
    case 'closed':
    case 'overdue':
      return Infinity;
    case 'on_time': {
      const left = info.leftShare * allowedBasisMs;
      wait = Math.min(info.remainingMs + 1, left - atRisk.shareLeft * allowedBasisMs, left - atRisk.minLeftMs);
      break;
    }
    default:
      wait = info.remainingMs + 1;
  }
  return now + Math.max(MIN_RECHECK_MS, wait);
}

export interface EncoderOptions {
  municipalitySet: MunicipalitySetId;
  sectors?: readonly Sector[];
  /** Circumradius of an aggregation cell, km. */
  hexRadiusKm?: number;
}

export class MapEncoder {
  /** Open appeals not overdue (the live work): always drawn as points. */
  private readonly appeals = new PointTable(POINT_FIELDS, 1024);
  /** Answered and closed appeals (history): points up close, hexagons when zoomed out. */
  private readonly closed = new PointTable(POINT_FIELDS, 4096);
  private readonly breaches = new PointTable(POINT_FIELDS, 256);
  private readonly accidents = new PointTable(ACCIDENT_FIELDS, 256);
  private readonly appealRecs = new Map<string, AppealRec>();
  private readonly accidentRecs = new Map<string, AccidentRec>();
  private readonly due = new DueQueue();
  private readonly cells = new Map<number, number>();
  /** The same counts per sector (`cell * SECTOR_KEYS + sector`), for the sector scenes. */
  private readonly sectorCells = new Map<number, number>();
  /** Sector indices in use: [0, sectorSlots). */
  private readonly sectorSlots: number;
  private readonly links = new Map<string, string>();
  private readonly munStats = new Map<string, MunicipalityStat>();
  private readonly arrivals = {
    positions: new Float32Array(ARRIVAL_CAPACITY * 2),
    fillColors: new Uint8Array(ARRIVAL_CAPACITY * 4),
    pulseStarts: new Float32Array(ARRIVAL_CAPACITY),
    sectors: new Float32Array(ARRIVAL_CAPACITY),
    count: 0,
    head: 0,
  };
  private readonly counts: Counts = { appeals: 0, openAppeals: 0, accidents: 0, activeAccidents: 0, residentsWithoutSupply: 0 };
  private readonly sectors: readonly Sector[];
  private readonly hexRadiusKm: number;
  private readonly set: MunicipalitySetId;
  private dirty = { hexes: true, links: true, arrivals: false, municipalities: true, counts: true };
  private pendingDue = false;

  constructor(readonly options: EncoderOptions) {
    const opts = options;
    this.sectors = opts.sectors ?? DEFAULT_SECTORS;
    this.hexRadiusKm = opts.hexRadiusKm ?? 2.5;
    this.set = opts.municipalitySet;
    this.sectorSlots = Math.min(SECTOR_KEYS, this.sectors.length);
  }

  private sectorOf(id: string): number {
    return Math.min(SECTOR_KEYS - 1, sectorIndex(id, this.sectors));
  }

  /**
   * An empty encoder with the same options, every layer to be sent whole: a snapshot is encoded
   * into it chunk by chunk while this one stays on screen (feed-worker.ts), then replaces it.
   */
  sibling(): MapEncoder {
    const next = new MapEncoder(this.options);
    next.reset([], 0);
    return next;
  }

  /** Replaces everything (a complete snapshot). */
  reset(entities: Iterable<Entity>, now: number): void {
    for (const t of [this.appeals, this.closed, this.breaches, this.accidents]) t.clear();
    for (const m of [this.appealRecs, this.accidentRecs, this.cells, this.sectorCells, this.links, this.munStats]) m.clear();
    Object.assign(this.counts, { appeals: 0, openAppeals: 0, accidents: 0, activeAccidents: 0, residentsWithoutSupply: 0 });
    this.arrivals.count = 0;
    this.arrivals.head = 0;
    this.due.clear();
    this.dirty = { hexes: true, links: true, arrivals: true, municipalities: true, counts: true };
    for (const e of entities) this.upsert(e, now, null);
  }

  /**
   * Adds an entity of a snapshot being staged (issue 13): placed and counted at once, but an
   * open appeal's SLA clock is not computed here. It is drawn as on time and queued as due now,
   * so the sweeps after the first frame compute the clocks in slices of {@link SWEEP_SLICE}
   * (and move the overdue to their layer) instead of blocking the first frame with 10^6 of them.
   */
  stage(e: Entity, now: number, key?: string, exact = false): void {
    if (e.kind === 'appeal') this.upsertAppeal(e, now, !exact, key);
    else this.upsert(e, now, null);
  }

  /**
   * Whether anything is drawn. A snapshot that replaces a running picture (a resync, a failover
   * that could not resume) is staged with exact SLA states: drawn as on time first, its breaches
   * would vanish from a wall that showed them until the sweeps caught up (a breach is never hidden).
   */
  hasEntities(): boolean {
    return this.appealRecs.size > 0 || this.accidentRecs.size > 0;
  }

  /** Adds or replaces one entity; `arrivalAt` (clock seconds) makes it pulse as new. */
  upsert(e: Entity, now: number, arrivalAt: number | null): void {
    if (e.kind === 'weather') return; // not drawn: an input of the accident rules
    if (e.kind === 'appeal') this.upsertAppeal(e, now);
    else this.upsertAccident(e, now);
    if (arrivalAt !== null) this.noteArrival(e, arrivalAt);
  }

  remove(ref: EntityRef): void {
    const key = entityKey(ref);
    if (ref.kind === 'appeal') this.dropAppeal(key);
    else this.dropAccident(key);
  }

  private munKey(code: string): string {
    return this.set === '2025' ? (normalizeOktmo(code) ?? code) : code;
  }

  private munStat(code: string): MunicipalityStat {
    let s = this.munStats.get(code);
    if (!s) {
      s = { appeals: 0, open: 0, overdue: 0 };
      this.munStats.set(code, s);
    }
    return s;
  }

  /**
   * Adds or updates an appeal. An update reuses the record and, when the SLA state keeps it
   * in the same layer, its slot: fewer map operations and no garbage per change (at 10^6
   * appeals the collector is the cost to watch).
   */
  private upsertAppeal(a: Appeal, now: number, provisional = false, key = entityKey(a)): void {
    let sla: SlaStatus;
    let checkAt: number;
    if (provisional) {
      // Drawn at once as open (or closed), its clock computed by the sweeps after the first frame.
      sla = CLOSED_STATUSES.has(a.status) ? 'closed' : 'on_time';
      checkAt = sla === 'closed' ? Infinity : 0;
    } else {
      const info = slaInfo(a, now);
      sla = info.status;
      checkAt = nextSlaCheck(info, slaClock(a).allowedBasisMs, now);
    }
    let rec = this.appealRecs.get(key);
    if (rec) {
      this.unaccountAppeal(key, rec);
      if (this.tableOf(rec.sla) !== this.tableOf(sla)) this.tableOf(rec.sla).vacate(rec);
      rec.sla = sla;
      rec.checkAt = checkAt;
      rec.open = OPEN_STATUSES.has(a.status);
      rec.mun = this.munKey(a.municipality);
      rec.sector = this.sectorOf(a.sector);
      rec.cell = hexCell(a.lon, a.lat, this.hexRadiusKm);
      rec.entity = a;
    } else {
      rec = {
        slot: -1,
        sla,
        checkAt,
        open: OPEN_STATUSES.has(a.status),
        mun: this.munKey(a.municipality),
        sector: this.sectorOf(a.sector),
        cell: hexCell(a.lon, a.lat, this.hexRadiusKm),
        entity: a,
      };
      this.appealRecs.set(key, rec);
    }
    if (checkAt < Infinity) this.due.push(checkAt, key);
    this.writeAppeal(a.sector, rec);
    this.accountAppeal(key, rec);
  }

  private tableOf(sla: SlaStatus): PointTable<typeof POINT_FIELDS> {
    return sla === 'overdue' ? this.breaches : sla === 'closed' ? this.closed : this.appeals;
  }

  /** Adds an appeal's share to the counts, municipality figures, cells and links. */
  private accountAppeal(key: string, rec: AppealRec): void {
    this.counts.appeals++;
    if (rec.open) this.counts.openAppeals++;
    const st = this.munStat(rec.mun);
    st.appeals++;
    if (rec.open) st.open++;
    if (rec.sla === 'overdue') st.overdue++;
    this.cells.set(rec.cell, (this.cells.get(rec.cell) ?? 0) + 1);
    const sk = rec.cell * SECTOR_KEYS + rec.sector;
    this.sectorCells.set(sk, (this.sectorCells.get(sk) ?? 0) + 1);
    const accidentId = rec.entity.accidentId;
    if (accidentId) {
      this.links.set(key, accidentId);
      this.dirty.links = true;
    }
    this.dirty.hexes = this.dirty.municipalities = this.dirty.counts = true;
  }

  /** Takes an appeal's share back out (before an update or a removal). */
  private unaccountAppeal(key: string, rec: AppealRec): void {
    this.counts.appeals--;
    if (rec.open) this.counts.openAppeals--;
    const st = this.munStat(rec.mun);
    st.appeals--;
    if (rec.open) st.open--;
    if (rec.sla === 'overdue') st.overdue--;
    if (st.appeals === 0) this.munStats.delete(rec.mun);
    const n = (this.cells.get(rec.cell) ?? 1) - 1;
    if (n > 0) this.cells.set(rec.cell, n);
    else this.cells.delete(rec.cell);
    const sk = rec.cell * SECTOR_KEYS + rec.sector;
    const m = (this.sectorCells.get(sk) ?? 1) - 1;
    if (m > 0) this.sectorCells.set(sk, m);
    else this.sectorCells.delete(sk);
    if (this.links.delete(key)) this.dirty.links = true;
    this.dirty.hexes = this.dirty.municipalities = this.dirty.counts = true;
  }

  private writeAppeal(sector: string, rec: AppealRec): void {
    const table = this.tableOf(rec.sla);
    const slot = table.place(rec);
    const look = appealLook(rec.sla);
    const [r, g, b] = sectorById(sector, this.sectors).color;
    const t = table.arrays;
    t.positions[2 * slot] = rec.entity.lon;
    t.positions[2 * slot + 1] = rec.entity.lat;
    t.fillColors[4 * slot] = r;
    t.fillColors[4 * slot + 1] = g;
    t.fillColors[4 * slot + 2] = b;
    t.fillColors[4 * slot + 3] = look.alpha;
    t.lineColors.set(look.line, 4 * slot);
    t.radii[slot] = look.radius;
    t.lineWidths[slot] = look.lineWidth;
    t.sectors[slot] = rec.sector;
    table.dirty = true;
  }

  private dropAppeal(key: string): void {
    const rec = this.appealRecs.get(key);
    if (!rec) return;
    this.tableOf(rec.sla).vacate(rec);
    this.appealRecs.delete(key);
    this.unaccountAppeal(key, rec);
  }

  private upsertAccident(a: Accident, now: number): void {
    const key = entityKey(a);
    this.dropAccident(key);
    const active = a.status === 'active';
    const overdue = accidentOverdue(a, now);
    // A restored accident stays on the map for a day, quietly, then leaves it (still counted).
    const hideAt = (a.restoredAt ?? a.plannedRestoreAt) + RESOLVED_SHOWN_MS;
    const shown = active || now < hideAt;
    const next = active ? (overdue ? Infinity : a.plannedRestoreAt + 1) : shown ? hideAt : Infinity;
    const checkAt = next < Infinity ? Math.max(now + MIN_RECHECK_MS, next) : Infinity;
    const rec: AccidentRec = { checkAt, active, overdue, shown, residents: a.residents, lon: a.lon, lat: a.lat, entity: a };
    this.accidentRecs.set(key, rec);
    if (checkAt < Infinity) this.due.push(checkAt, key);
    if (shown) this.writeAccident(key, a, rec);
    this.counts.accidents++;
    if (rec.active) {
      this.counts.activeAccidents++;
      this.counts.residentsWithoutSupply += rec.residents;
    }
    if (this.links.size) this.dirty.links = true;
    this.dirty.counts = true;
  }

  private writeAccident(key: string, a: Accident, rec: AccidentRec): void {
    const t = this.accidents;
    const slot = t.acquire(key);
    const radius = accidentRadius(a);
    t.arrays.positions[2 * slot] = rec.lon;
    t.arrays.positions[2 * slot + 1] = rec.lat;
    const planned = a.nature === 'planned';
    const look = !rec.active ? ACCIDENT_RESOLVED_LOOK : planned ? ACCIDENT_PLANNED_LOOK : ACCIDENT_ACTIVE_LOOK;
    t.arrays.fillColors.set(look.fill, 4 * slot);
    t.arrays.lineColors.set(look.line, 4 * slot);
    t.arrays.iconColors.set(look.icon, 4 * slot);
    t.arrays.radii[slot] = radius;
    t.arrays.icons[slot] = Math.max(0, ACCIDENT_RESOURCES.indexOf(a.resource));
    t.arrays.ringRadii[slot] = rec.overdue ? radius + 6 : 0;
    t.arrays.pulseStarts[slot] = rec.active && !planned ? 0 : -1;
    t.dirty = true;
  }

  private dropAccident(key: string): void {
    const rec = this.accidentRecs.get(key);
    if (!rec) return;
    this.accidents.remove(key);
    this.accidentRecs.delete(key);
    this.counts.accidents--;
    if (rec.active) {
      this.counts.activeAccidents--;
      this.counts.residentsWithoutSupply -= rec.residents;
    }
    if (this.links.size) this.dirty.links = true;
    this.dirty.counts = true;
  }

  private noteArrival(e: Entity, at: number): void {
    const r = this.arrivals;
    const i = r.head;
    r.positions[2 * i] = e.lon;
    r.positions[2 * i + 1] = e.lat;
    const rgb = e.kind === 'appeal' ? sectorById(e.sector, this.sectors).color : ACCIDENT_ACTIVE_LOOK.fill;
    r.fillColors[4 * i] = rgb[0];
    r.fillColors[4 * i + 1] = rgb[1];
    r.fillColors[4 * i + 2] = rgb[2];
    r.fillColors[4 * i + 3] = 255;
    r.pulseStarts[i] = at;
    // An accident arrival is ЖКХ's: it shows in the ЖКХ scenes, as the accidents do.
    r.sectors[i] = this.sectorOf(e.kind === 'appeal' ? e.sector : ACCIDENTS_SECTOR);
    r.head = (i + 1) % ARRIVAL_CAPACITY;
    r.count = Math.min(ARRIVAL_CAPACITY, r.count + 1);
    this.dirty.arrivals = true;
  }

  /**
   * Re-evaluates the items whose time-dependent state (SLA, overdue restoration) may have
   * changed by `now`: only those, from a queue of next-check times, at most one slice a call.
   */
  sweep(now: number): void {
    this.pendingDue = false;
    for (let i = 0; i < SWEEP_SLICE; i++) {
      if (this.due.peek() > now) return;
      const key = this.due.pop()!;
      const appeal = this.appealRecs.get(key);
      const rec = appeal ?? this.accidentRecs.get(key);
      // A stale entry: the item was removed, or updated (and re-queued, or settled: Infinity) since.
      if (!rec || rec.checkAt > now) continue;
      if (appeal)
        this.upsertAppeal(appeal.entity, now, false, key); // the key string already held
      else this.upsertAccident((rec as AccidentRec).entity, now);
    }
    this.pendingDue = this.due.peek() <= now;
  }

  /** True while items that fell due are left for the next sweep. */
  get sweeping(): boolean {
    return this.pendingDue;
  }

  /**
   * The changed layers copied into pooled buffers, or null when nothing changed. `all`
   * forces every layer; municipality figures go only when `municipalities` allows.
   */
  flush(pool: BufferPool, opts: { all?: boolean; municipalities?: boolean } = {}): MapFrame | null {
    const all = opts.all ?? false;
    const frame: MapFrame = {};
    if (all || this.appeals.dirty) frame.appeals = this.points(this.appeals, pool);
    if (all || this.closed.dirty) frame.closed = this.points(this.closed, pool);
    if (all || this.breaches.dirty) frame.breaches = this.points(this.breaches, pool);
    if (all || this.accidents.dirty) frame.accidents = this.accidentBuffers(pool);
    if (all || this.dirty.hexes) frame.hexes = this.hexBuffers(pool);
    if (all || this.dirty.links) frame.links = this.linkBuffers(pool);
    if (all || this.dirty.arrivals) frame.arrivals = this.arrivalBuffers(pool);
    if (all || (this.dirty.municipalities && (opts.municipalities ?? true))) {
      frame.municipalities = Object.fromEntries([...this.munStats].map(([k, v]) => [k, { ...v }]));
      this.dirty.municipalities = false;
    }
    return Object.keys(frame).length ? frame : null;
  }

  /** The panel counts when they changed since the last call, else null. */
  takeCounts(): Counts | null {
    if (!this.dirty.counts) return null;
    this.dirty.counts = false;
    return { ...this.counts };
  }

  /** True while a municipality figure changed and has not been flushed. */
  get municipalitiesDirty(): boolean {
    return this.dirty.municipalities;
  }

  private points(t: PointTable<typeof POINT_FIELDS>, pool: BufferPool): PointBuffers {
    t.dirty = false;
    return { count: t.count, ...t.copyOut(pool) };
  }

  private accidentBuffers(pool: BufferPool): AccidentBuffers {
    this.accidents.dirty = false;
    return { count: this.accidents.count, ...this.accidents.copyOut(pool) };
  }

  /**
   * Every occupied cell twice: once counting every sector (filter value ALL_SECTORS) and once
   * per sector in it, coloured against that sector's fullest cell, so a sector scene shows
   * its own density by the GPU filter alone.
   */
  private hexBuffers(pool: BufferPool): HexBuffers {
    this.dirty.hexes = false;
    const n = this.cells.size + this.sectorCells.size;
    const positions = new Float32Array(pool.take(n * 8), 0, n * 2);
    const fillColors = new Uint8Array(pool.take(n * 4), 0, n * 4);
    const sectors = new Float32Array(pool.take(n * 4), 0, n);
    // The fullest cell per sector (a pooled buffer: it travels with the frame, for the legend).
    const sectorMax = new Float32Array(pool.take(this.sectorSlots * 4), 0, this.sectorSlots).fill(0);
    let max = 0;
    for (const c of this.cells.values()) if (c > max) max = c;
    for (const [key, c] of this.sectorCells) {
      const s = key % SECTOR_KEYS;
      if (c > sectorMax[s]!) sectorMax[s] = c;
    }
    let i = 0;
    const put = (cell: number, count: number, of: number, sector: number): void => {
      const [lon, lat] = hexCenter(cell, this.hexRadiusKm);
      positions[2 * i] = lon;
      positions[2 * i + 1] = lat;
      hexColor(count, of, fillColors, 4 * i);
      sectors[i] = sector;
      i++;
    };
    for (const [cell, count] of this.cells) put(cell, count, max, ALL_SECTORS);
    for (const [key, count] of this.sectorCells) {
      const s = key % SECTOR_KEYS;
      put((key - s) / SECTOR_KEYS, count, sectorMax[s]!, s);
    }
    return { count: n, positions, fillColors, sectors, maxCount: max, maxBySector: sectorMax, radiusM: this.hexRadiusKm * 1000 };
  }

  private linkBuffers(pool: BufferPool): LinkBuffers {
    this.dirty.links = false;
    const sources = new Float32Array(pool.take(this.links.size * 8), 0, this.links.size * 2);
    const targets = new Float32Array(pool.take(this.links.size * 8), 0, this.links.size * 2);
    let n = 0;
    for (const [appealKey, accidentId] of this.links) {
      const acc = this.accidentRecs.get(entityKey({ kind: 'accident', id: accidentId }));
      const ap = this.appealRecs.get(appealKey);
      if (!acc?.shown || !ap) continue;
      sources[2 * n] = acc.lon;
      sources[2 * n + 1] = acc.lat;
      targets[2 * n] = ap.entity.lon;
      targets[2 * n + 1] = ap.entity.lat;
      n++;
    }
    return { count: n, sources: sources.subarray(0, 2 * n), targets: targets.subarray(0, 2 * n) };
  }

  private arrivalBuffers(pool: BufferPool): ArrivalBuffers {
    this.dirty.arrivals = false;
    const r = this.arrivals;
    return {
      count: r.count,
      positions: pool.f32(r.positions, r.count * 2),
      fillColors: pool.u8(r.fillColors, r.count * 4),
      pulseStarts: pool.f32(r.pulseStarts, r.count),
      sectors: pool.f32(r.sectors, r.count),
    };
  }
}
