/**
 * `npm run hub -- [flags]`: starts the hub, prints `hub listening on http://HOST:PORT`.
 * Bad flags or a bad tokens file: a specific message on stderr and exit code 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHubArgs, UsageError, type HubOptions } from './cli-options';
import { DemoSource } from './demo-source';
import { MemoryFeedLog } from './feed-log';
import { startHub } from './start-hub';
import { DEV_TOKENS, parseTokens, type TokenTable } from './tokens';

function loadTokens(file: string | null): TokenTable {
  if (!file) return DEV_TOKENS;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--tokens ${file}: ${(e as Error).message}`);
  }
  try {
    return parseTokens(json);
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

async function main(opts: HubOptions): Promise<void> {
  const tokens = loadTokens(opts.tokensFile);
  const log = new MemoryFeedLog();
  const running = await startHub({
    host: opts.host,
    port: opts.port,
    log,
    tokens,
    staticDir: opts.staticDir ?? defaultStaticDir(),
    heartbeatMs: opts.heartbeatMs,
  });
  console.log(`hub listening on ${running.url}`);

  let timer: NodeJS.Timeout | null = null;
  if (opts.source.type === 'demo') {
    const demo = new DemoSource({ seed: opts.seed, speed: opts.speed, backfillHours: opts.backfillHours });
    let last = Date.now();
    await running.hub.publish(demo.backfill(last));
    timer = setInterval(() => {
      const now = Date.now();
      const change = demo.tick(now, now - last);
      last = now;
      if (change.upserts.length || change.removes.length) running.hub.publish(change).catch((e) => console.error('hub: publish failed:', e));
    }, 1000);
  }

  const stop = (signal: string): void => {
    console.log(`hub: ${signal}, stopping`);
    if (timer) clearInterval(timer);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

try {
  await main(parseHubArgs(process.argv.slice(2)));
} catch (e) {
  if (e instanceof UsageError) {
    console.error(`hub: ${e.message}`);
    process.exit(2);
  }
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') {
    console.error(`hub: порт занят / port in use: ${err.message}`);
    process.exit(3);
  }
  console.error('hub: failed to start:', err);
  process.exit(1);
}
