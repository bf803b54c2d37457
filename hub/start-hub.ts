/**
 * Starts a complete hub on a host and port: HTTP routes (health, API, renderer) + socket.io
 * + the ingest pipeline. Used by the CLI and by integration tests (port 0).
 */
import type { AddressInfo } from 'node:net';
import { createApiRoutes } from './api-routes';
import { attachConfigLive } from './config-live';
import { handleConfigApi } from './config-routes';
import { ConfigStore } from './config-store';
import { createHub, type Hub } from './create-hub';
import type { Change, FeedLog } from './feed-log';
import { createHttpRoutes, sendJson } from './http-routes';
import { createIngest, type Ingest } from './ingest';
import { createImports, type Imports } from './import-routes';
import type { ImportConfig } from './import/run-import';
import { capIngest, createIngestLimiter } from './ingest-gate';
import { readOnlyOf, refuseIngest } from './cluster/federal';
import { DEFAULT_LIMITS, type HubLimits } from './limits';
import { createOriginPolicy } from './origin';
import { createReplayStates } from './replay';
import { Metrics } from './metrics';
import type { SectorRemap } from '../app/config/cross-checks';
import type { Appeal, Entity } from '../app/domain/entity';
import { createProductionCalendar } from '../app/calendar/production-calendar';
import { DEFAULT_SLA_RULES, type SlaRules } from '../app/sla/sla-rules';
import { freezeClosedMonth } from './ratings-api';
import { RepublicShape } from './republic-shape';
import { createHubServer, type TlsMaterial } from './server-factory';
import { createTiles } from './tiles';
import { attachAlarmLive } from './alarms/alarm-live';
import { handleAlarmsApi } from './alarms/alarm-routes';
import { AlarmStore, alarmBusOf } from './alarms/alarm-store';
import { createRuleAlarms, type RuleAlarms } from './alarms/rule-alarms';
import { createShift, type Shift } from './shift/shift-service';
import { handleShiftApi } from './shift/shift-routes';
import type { TokenTable } from './tokens';

export interface StartHubOptions {
  host: string;
  port: number;
  log: FeedLog;
  tokens: TokenTable;
  staticDir: string | null;
  heartbeatMs?: number;
  now?: () => number;
  /** Certificate and key (PEM): serve https + wss instead of http + ws (`loadTlsFiles`). */
  tls?: TlsMaterial;
  /** What one client may cost (limits.ts); missing ones take their defaults. */
  limits?: Partial<HubLimits>;
  /** Origins besides the hub's own whose pages may connect (`--allow-origin`). */
  allowOrigins?: readonly string[];
  /** Source exports (issue 14): the import configuration (mappings, house register) and the watched inbox (`--inbox`). */
  imports?: { config?: ImportConfig; configDir?: string; inbox?: string; inboxPollMs?: number };
  /** The street tiles' MBTiles file (`npm run basemap`; tiles.ts); null or missing: none. */
  tiles?: string | null;
  /** Periods of the shift's detectors and procedure watch (hub/shift/; tests shorten them). @default 60 s, 15 s */
  shiftIntervalsMs?: { detect?: number; sop?: number };
}

export interface RunningHub {
  hub: Hub;
  /** The curator's configuration documents (config-store.ts). */
  config: ConfigStore;
  /** The hub's alarm records (issue 15): rule alarms and any detector's `raise`. */
  alarms: AlarmStore;
  /** The shift's tools (issue 15): shift log, detectors, procedures, handover (hub/shift/). */
  shift: Shift;
  ingest: Ingest;
  /** Imports of source exports (import-routes.ts). */
  imports: Imports;
  metrics: Metrics;
  url: string;
  port: number;
  close(): Promise<void>;
}

let shape: RepublicShape | null = null;
let unitShapes: Map<string, RepublicShape> | null = null;

export async function startHub(opts: StartHubOptions): Promise<RunningHub> {
  const started = Date.now();
  const now = opts.now ?? Date.now;
  const metrics = new Metrics();
  shape ??= RepublicShape.load();
  unitShapes ??= RepublicShape.loadMunicipalities();
  const units = unitShapes;
  const republic = shape;
  let hub: Hub | null = null;
  const limits: HubLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  let boundPort = opts.port;
  const origins = createOriginPolicy({ host: opts.host, port: () => boundPort, allow: opts.allowOrigins ?? [] });
  const ingestLimiter = createIngestLimiter(limits, metrics, now);
  const replay = createReplayStates(opts.log, { pageSize: () => limits.replayPage, now });
  const config = new ConfigStore({
    log: opts.log,
    now,
    openBySector: () => openAppealsBySector(opts.log),
    // A federal view does not remap: the appeals are the regions', remapped by their hubs.
    remapItems: readOnlyOf(opts.log) ? undefined : (remap) => remapOpenAppeals(opts.log, remap, (c) => hub!.publish(c)),
  });
  for (const p of config.problems) console.error(`hub: ${p}`);
  const pipeline = createIngest({
    validation: () => ({
      now: now(),
      stored: (k) => opts.log.get(k),
      insideRepublic: (lon, lat) => republic.contains(lon, lat),
      // A unit without a shape (none today) is not checked rather than refused.
      insideMunicipality: (oktmo, lon, lat) => units.get(oktmo)?.contains(lon, lat) ?? true,
      removedVersion: (k) => opts.log.removedVersion(k),
      // The current `sectors` document: a sector the curator adds is accepted at once.
      sectorIds: config.sectorIds(),
      // The current `organisations` document: an organisation added a moment ago is resolved at once.
      orgs: config.orgDirectory(),
    }),
    publish: (change) => hub!.publish(change),
    headSeq: () => hub?.broadcastSeq ?? opts.log.headSeq,
    metrics,
    appeals: () => opts.log.snapshot().entities.filter((e): e is Appeal => e.kind === 'appeal'),
    quarantine: (source, reason, payload) => opts.log.deadLetter(source, reason, payload),
  });
  // Every source (HTTP, socket, demo, replay) goes through the entity cap.
  const capped = capIngest(pipeline, {
    log: opts.log,
    maxEntities: () => limits.maxEntities,
    metrics,
    quarantine: (source, reason, payload) => opts.log.deadLetter(source, reason, payload),
  });
  // A federal view (hub/cluster/federal.ts) is read-only: every ingest path is refused.
  const readOnly = readOnlyOf(opts.log);
  const ingest = readOnly ? refuseIngest(capped, readOnly, metrics) : capped;
  const routes = createHttpRoutes({
    staticDir: opts.staticDir,
    alsoConnect: opts.allowOrigins,
    health: () => {
      const clients = hub ? Object.values(hub.clientsByRole()).reduce((a, b) => a + b, 0) : 0;
      // A log whose database file was deleted or replaced stores nothing more: an error.
      const fault = opts.log.storageFault();
      return {
        status: fault ? 'error' : 'ok',
        ...(fault && { reason: fault }),
        epoch: opts.log.epoch,
        headSeq: hub?.broadcastSeq ?? opts.log.headSeq,
        clients,
        uptimeS: Math.round((Date.now() - started) / 1000),
      };
    },
  });
  metrics.collect(() =>
    metrics.setGauge('cur_hub_db_replaced', 'The database file was deleted or replaced while open; ingest stopped (1)', [
      [{}, opts.log.storageFault() ? 1 : 0],
    ]),
  );
  const imports = createImports({
    tokens: opts.tokens,
    ingest,
    log: opts.log,
    config: opts.imports?.config,
    configDir: opts.imports?.configDir,
    store: config,
    now,
  });
  const tiles = createTiles({ file: opts.tiles ?? null, tokens: opts.tokens, now });
  // The SLA rules the hub's ratings count on: the built-in ones on the current production calendar.
  let calendarBody: unknown = null;
  let calendarRules: SlaRules = DEFAULT_SLA_RULES;
  const slaRules = (): SlaRules => {
    const body = config.bodies()['production-calendar'];
    if (body !== calendarBody) {
      calendarBody = body;
      calendarRules = { ...DEFAULT_SLA_RULES, workingTime: { ...DEFAULT_SLA_RULES.workingTime, calendar: createProductionCalendar(body) } };
    }
    return calendarRules;
  };
  // In a cluster the record's operations go through the cluster's stream (alarm-store.ts).
  const alarms = new AlarmStore({ now, persist: opts.log, bus: alarmBusOf(opts.log) });
  await alarms.ready;
  let ruleAlarms: RuleAlarms = { poke: () => {}, evaluate: () => {}, close: () => {} };
  const api = createApiRoutes({
    slaRules,
    tokens: opts.tokens,
    ingest,
    metrics,
    audit: (n, r) => opts.log.recentAudit(n, r),
    alarms: (req, res, url) => handleAlarmsApi(req, res, url, { tokens: opts.tokens, store: alarms }),
    log: opts.log,
    limits,
    origins,
    ingestLimiter,
    replay,
    now,
    address: tiles.api,
    imports: imports.handle,
    config: (req, res, url) => handleConfigApi(req, res, url, { tokens: opts.tokens, store: config }),
    shift: (req, res, url) => handleShiftApi(req, res, url, { tokens: opts.tokens, shift, config: () => config.bodies(), metrics, now }),
  });
  const server = createHubServer((req, res) => {
    if (!api(req, res) && !tiles.route(req, res) && !routes(req, res)) sendJson(res, 404, { error: 'not found' });
  }, opts.tls);
  hub = createHub(server, {
    log: opts.log,
    tokens: opts.tokens,
    heartbeatMs: opts.heartbeatMs,
    now,
    metrics,
    ingest,
    limits,
    origins,
    ingestLimiter,
    alarms,
    people: () => config.bodies().people,
    refreshAlarms: () => ruleAlarms.evaluate(),
  });
  attachConfigLive(hub.io, config);
  // One alarm record at the hub (issue 15): the rules evaluated here, published to every screen.
  const stopAlarmLive = attachAlarmLive(hub.io, alarms, now);
  ruleAlarms = createRuleAlarms({
    store: alarms,
    entities: () => opts.log.snapshot().entities,
    rules: () => config.bodies()['alarm-rules'],
    sectors: () => config.bodies().sectors,
    sla: slaRules,
    now,
  });
  hub.onBroadcast(() => ruleAlarms.poke());
  config.onChange(() => ruleAlarms.poke());
  ruleAlarms.evaluate();
  // The shift's tools (issue 15): detectors and the procedure watch raise into the same alarm record.
  const shift = createShift({
    log: opts.log,
    onDelta: (fn) => hub!.onBroadcast(fn),
    alarms,
    config: () => config.bodies(),
    slaRules,
    orgs: () => config.orgDirectory(),
    now,
    ...(opts.shiftIntervalsMs?.detect !== undefined && { detectIntervalMs: opts.shiftIntervalsMs.detect }),
    ...(opts.shiftIntervalsMs?.sop !== undefined && { sopIntervalMs: opts.shiftIntervalsMs.sop }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  boundPort = port;
  if (opts.imports?.inbox) imports.watchInbox(opts.imports.inbox, opts.imports.inboxPollMs);
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const h = hub;
  // A closed month's rating tables are frozen while the hub still holds its items (issue 11):
  // checked a minute after start, then hourly; a frozen month is never computed again.
  const freezeMonth = () => {
    try {
      freezeClosedMonth(opts.log, now(), slaRules());
    } catch (e) {
      console.error(`ratings: could not freeze the closed month: ${(e as Error).message}`);
    }
  };
  const freezeTimers = [setTimeout(freezeMonth, 60_000), setInterval(freezeMonth, 3_600_000)];
  for (const t of freezeTimers) t.unref();
  return {
    hub: h,
    config,
    alarms,
    shift,
    ingest,
    imports,
    metrics,
    port,
    url: `${opts.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    async close() {
      for (const t of freezeTimers) clearTimeout(t);
      ruleAlarms.close();
      shift.close();
      stopAlarmLive();
      replay.clear();
      await imports.close();
      await h.close();
      await new Promise<void>((r) => server.close(() => r()));
      opts.log.close();
      tiles.close();
    },
  };
}

const isOpenAppeal = (e: Entity): e is Appeal => e.kind === 'appeal' && e.status !== 'answered' && e.status !== 'closed';

/** Open appeals per sector (a sector list that drops one of them needs a remap). */
function openAppealsBySector(log: FeedLog): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of log.snapshot().entities) if (isOpenAppeal(e)) out.set(e.sector, (out.get(e.sector) ?? 0) + 1);
  return out;
}

/** Moves the open appeals of each removed sector to its new one, as a next version of each (one change). */
async function remapOpenAppeals(log: FeedLog, remap: SectorRemap, publish: (c: Change) => Promise<unknown>): Promise<number> {
  const upserts = log
    .snapshot()
    .entities.filter((e): e is Appeal => isOpenAppeal(e) && remap[e.sector] !== undefined)
    .map((a) => ({ ...a, sector: remap[a.sector]!, version: a.version + 1 }));
  if (upserts.length > 0) await publish({ upserts, removes: [] });
  return upserts.length;
}
