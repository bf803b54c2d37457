/**
 * `npm run hub:backup -- --data DIR --out FILE`: a consistent copy of the hub's database, safe
 * while the hub runs (backup.ts). Prints progress and the result (epoch, seq, size).
 * Bad flags, no database in DIR or no folder for FILE: a specific message and exit code 2;
 * a failed copy: exit code 1 (no partial file is left under FILE's name).
 */
import { backupDatabase, parseBackupArgs } from './backup';
import { UsageError } from './cli-options';

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const args = parseBackupArgs(process.argv.slice(2));
  const started = Date.now();
  let shown = -10;
  const r = await backupDatabase({
    dataDir: args.data,
    out: args.out,
    onProgress: ({ copiedPages, totalPages }) => {
      const pct = totalPages ? Math.floor((100 * copiedPages) / totalPages) : 100;
      if (pct >= shown + 10 || (copiedPages === totalPages && pct !== shown)) {
        console.log(`backup: ${shown < 0 ? `${args.data} → ${args.out}: ` : ''}${pct}% (${copiedPages} / ${totalPages} pages)`);
        shown = pct;
      }
    },
  });
  console.log(
    `backup: done: epoch ${r.epoch}, seq ${r.seq}, ${(r.bytes / MB).toFixed(1)} MB (${r.bytes} bytes, ${r.pages} pages) ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s → ${r.file}`,
  );
}

try {
  await main();
} catch (e) {
  if (e instanceof UsageError) {
    console.error(`backup: ${e.message}`);
    process.exit(2);
  }
  console.error(`backup: failed / не удалось: ${(e as Error).message}`);
  process.exit(1);
}
