/**
 * Parses the hub's command line. Every mistake is a specific message; the CLI prints it and
 * exits with code 2. Flags: --host, --port, --data, --source demo|none|replay:FILE, --seed,
 * --speed, --tokens, --static, --record, --backfill-days, --retention-days, --heartbeat-ms,
 * --tiles, --tls-cert + --tls-key (both or neither), --accept-data-loss (with --data), the limits of
 * `LIMIT_FLAGS` (limits.ts), --allow-origin ORIGIN (repeatable), --inbox DIR and --import-config DIR
 * (imports of source exports, import-routes.ts), --log nats://HOST:PORT[,…] and --stream NAME
 * (the log on a NATS JetStream cluster, hub/cluster/), --sources NAME[,NAME…] (with --log: a
 * read-only federal view of the regions' streams, hub/cluster/federal.ts).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_LIMITS, type HubLimits } from './limits';

export interface HubOptions {
  host: string;
  port: number;
  data: string | null;
  source: { type: 'demo' } | { type: 'none' } | { type: 'replay'; file: string };
  seed: number;
  speed: number;
  tokensFile: string | null;
  staticDir: string | null;
  backfillDays: number;
  heartbeatMs: number;
  /** NDJSON file to which every accepted change is appended (`--record`). */
  record: string | null;
  retentionDays: number;
  /** `--tls-cert FILE --tls-key FILE`: serve https + wss (files read by the CLI). */
  tls: { certFile: string; keyFile: string } | null;
  /** Start even when `hub-head.json` says data existed that the database lacks (new epoch). */
  acceptDataLoss: boolean;
  /** What one client may cost (limits.ts); each has its flag in {@link LIMIT_FLAGS}. */
  limits: HubLimits;
  /** `--allow-origin ORIGIN` (repeatable): pages of these origins may use the hub too. */
  allowOrigins: string[];
  /** `--tiles FILE`: the street tiles (MBTiles from `npm run basemap`); null: DATA_DIR/basemap.mbtiles when present. */
  tiles: string | null;
  /** `--inbox DIR`: a watched folder of source exports to import (import-routes.ts). */
  inbox: string | null;
  /** `--import-config DIR`: mappings and the house register of the imports (hub/import/config.ts). */
  importConfig: string | null;
  /** `--log nats://HOST:PORT[,…]`: the log on a NATS JetStream stream (hub/cluster/), instead of SQLite or memory. */
  natsServers: string[] | null;
  /** `--stream NAME` (with `--log`): the stream's name (default `cur-feed`). */
  stream: string | null;
  /** `--sources NAME[,…]` (with `--log`): the regions' streams a read-only federal stream sources (hub/cluster/federal.ts). */
  sources: string[] | null;
}

/** Flag → limit, its range, integer or not, and the unit the flag counts in (× to the limit's). */
export const LIMIT_FLAGS: Record<string, { key: keyof HubLimits; min: number; max: number; integer: boolean; scale?: number }> = {
  '--subscribe-rate': { key: 'subscribeRate', min: 0.01, max: 1000, integer: false },
  '--subscribe-burst': { key: 'subscribeBurst', min: 1, max: 10_000, integer: true },
  '--command-rate': { key: 'commandRate', min: 0.01, max: 10_000, integer: false },
  '--command-burst': { key: 'commandBurst', min: 1, max: 100_000, integer: true },
  '--api-rate': { key: 'apiRate', min: 0.01, max: 100_000, integer: false },
  '--api-burst': { key: 'apiBurst', min: 1, max: 1_000_000, integer: true },
  '--ingest-rate': { key: 'ingestRate', min: 1, max: 10_000_000, integer: false },
  '--ingest-burst': { key: 'ingestBurst', min: 1, max: 100_000_000, integer: true },
  '--max-entities': { key: 'maxEntities', min: 1, max: 100_000_000, integer: true },
  '--max-snapshots': { key: 'maxSnapshots', min: 1, max: 1000, integer: true },
  '--snapshot-window-kb': { key: 'snapshotWindowBytes', min: 16, max: 1_048_576, integer: true, scale: 1024 },
  '--snapshot-buffer-deltas': { key: 'snapshotBufferDeltas', min: 100, max: 10_000_000, integer: true },
  '--max-socket-buffer-mb': { key: 'maxSocketBufferBytes', min: 1, max: 65_536, integer: true, scale: 1024 * 1024 },
  '--max-resume-deltas': { key: 'maxResumeDeltas', min: 0, max: 10_000_000, integer: true },
  '--replay-page': { key: 'replayPage', min: 100, max: 1_000_000, integer: true },
  '--max-connections': { key: 'maxConnections', min: 1, max: 1_000_000, integer: true },
  '--connect-timeout-ms': { key: 'connectTimeoutMs', min: 100, max: 600_000, integer: true },
  '--audit-max-rows': { key: 'auditMaxRows', min: 1000, max: 1_000_000_000, integer: true },
};

export class UsageError extends Error {}

/** Every flag, for the unknown-flag message. */
function flagList(): string {
  return [...VALUE_FLAGS.map((f) => `--${f}`), '--accept-data-loss', ...Object.keys(LIMIT_FLAGS)].join(' ');
}

const DEFAULTS: HubOptions = {
  host: '127.0.0.1',
  port: 8400,
  data: null,
  source: { type: 'demo' },
  seed: 1,
  speed: 1,
  tokensFile: null,
  staticDir: null,
  backfillDays: 30,
  heartbeatMs: 5000,
  record: null,
  retentionDays: 400,
  tls: null,
  acceptDataLoss: false,
  limits: DEFAULT_LIMITS,
  allowOrigins: [],
  tiles: null,
  inbox: null,
  importConfig: null,
  natsServers: null,
  stream: null,
  sources: null,
};

function num(flag: string, v: string, min: number, max: number, integer: boolean): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new UsageError(`${flag}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${v}"`);
  }
  return n;
}

/** `nats://HOST:PORT[,nats://HOST:PORT…]` (each with its port; `tls://` too) → the server URLs. */
export function parseNatsServers(v: string): string[] {
  const out: string[] = [];
  for (const item of v.split(',')) {
    let ok = false;
    try {
      const u = new URL(item.trim());
      ok =
        (u.protocol === 'nats:' || u.protocol === 'tls:') &&
        u.hostname !== '' &&
        u.port !== '' &&
        (u.pathname === '' || u.pathname === '/') &&
        !u.search &&
        !u.hash;
    } catch {
      // refused below
    }
    if (!ok) throw new UsageError(`--log: expected nats://HOST:PORT[,nats://HOST:PORT…] (a NATS JetStream cluster), got "${item}"`);
    out.push(item.trim().replace(/\/$/, ''));
  }
  return out;
}

/** True for addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The value-taking flags besides the limits (`--accept-data-loss` takes none). */
const VALUE_FLAGS = [
  'host',
  'port',
  'data',
  'seed',
  'speed',
  'tokens',
  'static',
  'tiles',
  'backfill-days',
  'retention-days',
  'record',
  'inbox',
  'import-config',
  'log',
  'stream',
  'sources',
  'heartbeat-ms',
  'tls-cert',
  'tls-key',
  'allow-origin',
  'source',
] as const;

const PARSE_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  ...Object.fromEntries([...VALUE_FLAGS, ...Object.keys(LIMIT_FLAGS).map((f) => f.slice(2))].map((name) => [name, { type: 'string', multiple: true }])),
  'accept-data-loss': { type: 'boolean', multiple: true },
};

/**
 * The tokens of the command line in order (`node:util` `parseArgs`, not strict, so that every
 * mistake gets this CLI's own message below rather than Node's).
 */
function argTokens(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: PARSE_OPTIONS, strict: false, allowPositionals: true, tokens: true }).tokens;
}

export function parseHubArgs(argv: readonly string[]): HubOptions {
  const o: HubOptions = { ...DEFAULTS, limits: { ...DEFAULT_LIMITS }, allowOrigins: [] };
  let tlsCert: string | null = null;
  let tlsKey: string | null = null;
  let sourceGiven = false;
  for (const token of argTokens(argv)) {
    if (token.kind !== 'option') {
      throw new UsageError(`unknown flag "${token.kind === 'positional' ? token.value : '--'}" (flags: ${flagList()})`);
    }
    const flag = token.rawName;
    const arg = token.inlineValue ? `${flag}=${token.value ?? ''}` : flag;
    if (!(token.name in PARSE_OPTIONS) || !flag.startsWith('--')) throw new UsageError(`unknown flag "${arg}" (flags: ${flagList()})`);
    const value = (): string => {
      const v = token.value;
      if (v === undefined || (!token.inlineValue && v.startsWith('--'))) throw new UsageError(`${flag}: missing value`);
      return v;
    };
    switch (flag) {
      case '--host':
        o.host = value();
        break;
      case '--port':
        o.port = num(flag, value(), 0, 65535, true);
        break;
      case '--data':
        o.data = value();
        break;
      case '--seed':
        o.seed = num(flag, value(), 0, 2 ** 32 - 1, true);
        break;
      case '--speed':
        o.speed = num(flag, value(), 0.01, 100_000, false);
        break;
      case '--tokens':
        o.tokensFile = value();
        break;
      case '--static':
        o.staticDir = value();
        break;
      case '--tiles':
        o.tiles = value();
        break;
      case '--backfill-days':
        o.backfillDays = num(flag, value(), 0, 400, false);
        break;
      case '--retention-days':
        o.retentionDays = num(flag, value(), 1, 36_500, false);
        break;
      case '--record':
        o.record = value();
        break;
      case '--inbox':
        o.inbox = value();
        break;
      case '--import-config':
        o.importConfig = value();
        break;
      case '--log':
        o.natsServers = parseNatsServers(value());
        break;
      case '--stream': {
        const v = value();
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(v)) throw new UsageError(`--stream: expected a stream name of letters, digits, - and _ (at most 64), got "${v}"`);
        o.stream = v;
        break;
      }
      case '--sources': {
        const v = value();
        const names = v.split(',').map((x) => x.trim());
        for (const n of names)
          if (!/^[A-Za-z0-9_-]{1,32}$/.test(n))
            throw new UsageError(`--sources: expected stream names of letters, digits, - and _ (at most 32 each), comma-separated, got "${n}" in "${v}"`);
        const twice = names.find((n, i) => names.indexOf(n) !== i);
        if (twice) throw new UsageError(`--sources: "${twice}" is named twice`);
        o.sources = names;
        break;
      }
      case '--heartbeat-ms':
        o.heartbeatMs = num(flag, value(), 100, 5000, true);
        break;
      case '--tls-cert':
        tlsCert = value();
        break;
      case '--tls-key':
        tlsKey = value();
        break;
      case '--accept-data-loss':
        if (token.inlineValue) throw new UsageError(`${flag}: takes no value`);
        o.acceptDataLoss = true;
        break;
      case '--allow-origin': {
        const v = value();
        let origin: string | null = null;
        try {
          const u = new URL(v);
          if ((u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password) origin = u.origin;
        } catch {
          // refused below
        }
        if (!origin) throw new UsageError(`--allow-origin: expected an http(s) origin such as https://cur.example:8400, got "${v}"`);
        o.allowOrigins.push(origin);
        break;
      }
      case '--source': {
        const v = value();
        sourceGiven = true;
        if (v === 'demo' || v === 'none') o.source = { type: v };
        else if (v.startsWith('replay:') && v.length > 7) o.source = { type: 'replay', file: v.slice(7) };
        else throw new UsageError(`--source: expected demo, none or replay:FILE, got "${v}"`);
        break;
      }
      default: {
        const limit = LIMIT_FLAGS[flag];
        if (limit) {
          o.limits[limit.key] = num(flag, value(), limit.min, limit.max, limit.integer) * (limit.scale ?? 1);
          break;
        }
        throw new UsageError(`unknown flag "${arg}" (flags: ${flagList()})`);
      }
    }
  }
  if ((tlsCert === null) !== (tlsKey === null)) {
    throw new UsageError(
      `${tlsCert === null ? '--tls-key' : '--tls-cert'} without ${tlsCert === null ? '--tls-cert' : '--tls-key'}: give both the certificate and its key, or neither`,
    );
  }
  if (tlsCert !== null && tlsKey !== null) o.tls = { certFile: tlsCert, keyFile: tlsKey };
  if (o.stream !== null && !o.natsServers) throw new UsageError('--stream: only with --log nats://HOST:PORT');
  if (o.sources !== null) {
    if (!o.natsServers) throw new UsageError('--sources: only with --log nats://HOST:PORT (a federal view of NATS streams)');
    const own = o.stream ?? 'cur-feed';
    if (o.sources.includes(own)) throw new UsageError(`--sources: the federal stream ${own} (--stream) cannot source itself`);
    // A federal view is read-only: no source of its own, no inbox.
    if (sourceGiven && o.source.type !== 'none')
      throw new UsageError(`--source ${o.source.type}: a federal view (--sources) takes no ingest; give --source none or leave it out`);
    if (o.inbox) throw new UsageError('--inbox: a federal view (--sources) takes no imports');
    o.source = { type: 'none' };
  }
  if (o.natsServers && o.data) throw new UsageError('--log and --data: the log is either on NATS or in DIR/hub.sqlite, give one of them');
  if (o.acceptDataLoss && !o.data) throw new UsageError('--accept-data-loss: only with --data DIR (the in-memory log has nothing to lose)');
  if (!o.tokensFile && !isLoopback(o.host)) {
    throw new UsageError(`--host ${o.host}: without --tokens the hub accepts only development tokens and binds only to loopback (127.0.0.1, ::1)`);
  }
  return o;
}
