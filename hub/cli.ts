/**
 * `npm run hub -- [flags]`: starts the hub, prints `hub listening on http://HOST:PORT`
 * (`https://` with `--tls-cert`/`--tls-key`).
 * Bad flags or a bad tokens file: a specific message on stderr and exit code 2. A database
 * that `hub-head.json` says lost data, or of a newer schema: exit code 4 (`--accept-data-loss`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHubArgs, UsageError, type HubOptions } from './cli-options';
import { DemoSource } from './demo-source';
import { MemoryFeedLog, type FeedLog } from './feed-log';
import { playRecording, readRecording, Recorder } from './recording';
import { loadTlsFiles, TlsFileError } from './server-factory';
import { RefusedDatabaseError, SCHEMA_VERSION, SqliteFeedLog } from './sqlite-log';
import { loadImportConfig } from './import/config';
import { startHub } from './start-hub';
import { DEFAULT_STREAM, NatsFeedLog } from './cluster/nats-log';
import { exportClusterMetrics } from './cluster/cluster-metrics';
import { natsConnectionFromEnv, natsKeepFromEnv } from './cluster/nats-env';
import { describeReload, DEV_TOKENS, parseTokens, reloadTokens, watchTokensFile, type TokenTable } from './tokens';

const COMPACT_EVERY_MS = 3_600_000;

function loadTokens(file: string | null): TokenTable {
  if (!file) return DEV_TOKENS;
  try {
    return parseTokens(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new UsageError(`--tokens ${file}: ${(e as Error).message}`);
  }
}

/** The renderer build next to the hub bundle (out/hub → out/renderer), when present. */
function defaultStaticDir(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = path.resolve(here, '../renderer');
  return existsSync(path.join(dir, 'index.html')) ? dir : null;
}

/** `--tiles FILE` (must exist), else DATA_DIR/basemap.mbtiles (served once it appears). */
function streetTiles(opts: HubOptions): string | null {
  if (opts.tiles && !existsSync(opts.tiles)) throw new UsageError(`--tiles ${opts.tiles}: no such file (build it with npm run basemap, docs/basemap.md)`);
  return opts.tiles ?? (opts.data ? path.join(opts.data, 'basemap.mbtiles') : null);
}

async function main(opts: HubOptions): Promise<void> {
  const tokens = loadTokens(opts.tokensFile);
  const tls = opts.tls ? loadTls(opts.tls.certFile, opts.tls.keyFile) : undefined;
  const recording = opts.source.type === 'replay' ? loadRecording(opts.source.file) : null;
  const importConfig = opts.importConfig
    ? await loadImportConfig(opts.importConfig).catch((e: Error) => {
        throw new UsageError(`--import-config: ${e.message}`);
      })
    : undefined;
  const log = opts.natsServers ? await openNatsLog(opts.natsServers, opts.stream, opts.sources) : openLog(opts);
  const running = await startHub({
    host: opts.host,
    port: opts.port,
    log,
    tokens,
    staticDir: opts.staticDir ?? defaultStaticDir(),
    heartbeatMs: opts.heartbeatMs,
    tls,
    limits: opts.limits,
    allowOrigins: opts.allowOrigins,
    tiles: streetTiles(opts),
    imports: { config: importConfig, configDir: opts.importConfig ?? undefined, inbox: opts.inbox ?? undefined },
  });
  // Tokens reloaded without a restart: on SIGHUP and when the file changes (tokens.ts).
  const tokensFile = opts.tokensFile;
  const reported = (why: string) => (r: ReturnType<typeof reloadTokens>) => (r.ok ? console.log : console.error)(describeReload(r, why));
  if (tokensFile) watchTokensFile(tokensFile, tokens, reported('file changed'));
  process.on('SIGHUP', () =>
    tokensFile ? reported('SIGHUP')(reloadTokens(tokensFile, tokens)) : console.log('hub: SIGHUP: no --tokens file, nothing to reload'),
  );
  if (opts.record) {
    const rec = new Recorder(opts.record);
    running.hub.onBroadcast((d) => rec.write(d.serverTime, d.upserts, d.removes));
  }
  if (log instanceof NatsFeedLog) exportClusterMetrics(running.metrics, log);
  console.log(`hub listening on ${running.url}`);

  const timers: NodeJS.Timeout[] = [];
  const push = (source: string, change: { upserts: unknown[]; removes: unknown[] }) =>
    running.ingest.ingest(source, change).catch((e: Error) => console.error(`hub: ${source} change not stored: ${e.message}`));

  if (opts.source.type === 'demo') {
    const demo = new DemoSource({ seed: opts.seed, speed: opts.speed, backfillDays: opts.backfillDays });
    let last = Date.now();
    // Back-fill only a fresh log: a restarted hub continues its own history.
    if (log.size === 0 && opts.backfillDays > 0) {
      const history = demo.backfill(last);
      for (let i = 0; i < history.upserts.length; i += 5000) await push('demo', { upserts: history.upserts.slice(i, i + 5000), removes: [] });
      console.log(`hub: demo back-filled ${history.upserts.length} items over ${opts.backfillDays} days`);
    }
    timers.push(
      setInterval(() => {
        const now = Date.now();
        const change = demo.tick(now, now - last);
        last = now;
        if (change.upserts.length || change.removes.length) void push('demo', change);
      }, 1000),
    );
  } else if (recording) {
    const stop = playRecording(
      recording,
      opts.speed,
      (c) => void push('replay', c),
      () => console.log('hub: replay finished'),
    );
    process.once('exit', stop);
  }
  if (log instanceof SqliteFeedLog) {
    const compact = () => {
      const n = log.compact();
      if (n) console.log(`hub: compacted ${n} changes older than ${opts.retentionDays} days`);
    };
    compact();
    timers.push(setInterval(compact, COMPACT_EVERY_MS));
  }

  const stop = (signal: string): void => {
    console.log(`hub: ${signal}, stopping`);
    timers.forEach(clearInterval);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** `--tls-cert`/`--tls-key` read and checked before anything starts: a bad file is exit 2. */
function loadTls(certFile: string, keyFile: string) {
  try {
    return loadTlsFiles(certFile, keyFile);
  } catch (e) {
    throw e instanceof TlsFileError ? new UsageError(e.message) : e;
  }
}

/** The durable log of `--data` (refusals: exit 4), or the in-memory one; says what it found. */
function openLog(opts: HubOptions): FeedLog {
  if (!opts.data) return new MemoryFeedLog();
  const log = new SqliteFeedLog({
    dir: opts.data,
    retentionDays: opts.retentionDays,
    auditMaxRows: opts.limits.auditMaxRows,
    acceptDataLoss: opts.acceptDataLoss,
    onFault: (reason) => console.error(`hub: ОШИБКА / ERROR: ${reason}`),
  });
  for (const f of log.setAside) console.error(`hub: -wal/-shm без своей базы отложен / a -wal or -shm without its database moved aside: ${f}`);
  if (log.acceptedLoss) {
    console.error(
      `hub: ВНИМАНИЕ: ДАННЫЕ ПОТЕРЯНЫ, запуск по --accept-data-loss, новая эпоха ${log.epoch} (seq ${log.headSeq}) / ` +
        `WARNING: DATA LOST, started by --accept-data-loss under a new epoch ${log.epoch} (seq ${log.headSeq}):\n${log.acceptedLoss}`,
    );
  }
  const b = log.restoredBackup;
  if (b) console.log(`hub: restored backup of epoch ${b.epoch} at seq ${b.seq}, taken ${new Date(b.takenAt).toISOString()}`);
  if (log.epochReason !== 'continued') console.log(`hub: ${log.epochReason} database, new epoch ${log.epoch}`);
  if (log.epochReason !== 'fresh' && log.schemaFound < SCHEMA_VERSION)
    console.log(`hub: database schema migrated from version ${log.schemaFound || 1} to ${SCHEMA_VERSION}`);
  return log;
}

/** The log on a NATS JetStream stream (`--log`, hub/cluster/); a cluster that cannot be reached: exit 1 with why. */
async function openNatsLog(servers: string[], stream: string | null, sources: string[] | null): Promise<FeedLog> {
  const name = stream ?? DEFAULT_STREAM;
  // A bad CUR_NATS_KEEP is a configuration mistake (exit 2), not NATS being unreachable.
  let keep: ReturnType<typeof natsKeepFromEnv>;
  try {
    keep = natsKeepFromEnv();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  try {
    const log = await NatsFeedLog.open({
      servers,
      stream: name,
      connection: natsConnectionFromEnv(),
      keep,
      ...(sources && { sources, note: (m: string) => console.log(`hub: ${m}`) }),
    });
    if (sources) console.log(`hub: federal view (read-only) of ${sources.join(', ')} on stream ${name}: ids prefixed REGION:`);
    const from = log.startedFrom === 'stream' ? 'replayed from the stream' : `from the checkpoint at seq ${log.startedFrom.checkpoint} + the tail`;
    console.log(`hub: log on NATS stream ${name} (R=${log.replicas}) via ${log.server()}, epoch ${log.epoch}, seq ${log.headSeq} (${from})`);
    return log;
  } catch (e) {
    throw new Error(`--log ${servers.join(',')}: NATS JetStream недоступен / cannot open stream ${name}: ${(e as Error).message}`);
  }
}

function loadRecording(file: string) {
  try {
    return readRecording(file);
  } catch (e) {
    throw new UsageError(`--source replay: ${(e as Error).message}`);
  }
}

try {
  await main(parseHubArgs(process.argv.slice(2)));
} catch (e) {
  if (e instanceof UsageError) {
    console.error(`hub: ${e.message}`);
    process.exit(2);
  }
  if (e instanceof RefusedDatabaseError) {
    console.error(`hub: ${e.message}`);
    process.exit(4);
  }
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') {
    console.error(`hub: порт занят / port in use: ${err.message}`);
    process.exit(3);
  }
  console.error('hub: failed to start:', err);
  process.exit(1);
}
