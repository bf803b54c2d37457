/**
 * The import thread's memory limit: a file that needs more than the thread's heap fails the run
 * with that reason (a `failed` report, not a crash), and the hub process goes on: its own heap is
 * not involved. A separate file: the limit is read when `import-thread.ts` loads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { posRows, xlsxBuffer } from '../../test/support/import-samples';

it('a file that needs more memory than the import thread has fails with that reason', async () => {
  process.env.CUR_IMPORT_OLD_MB = '8';
  const { DEFAULT_IMPORT_CONFIG, newReport, runImport } = await import('./run-import');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'import-oom-'));
  try {
    const file = path.join(dir, 'pos.xlsx');
    writeFileSync(file, await xlsxBuffer(posRows(3000, { dates: 'cells' }), 'Сообщения'));
    let sent = 0;
    const report = await runImport(
      { format: 'pos', kind: 'xlsx', file, config: DEFAULT_IMPORT_CONFIG, report: newReport('t', 'pos', 0) },
      {
        ingest: (_s, b) => Promise.resolve({ accepted: (sent += b.upserts.length), rejected: [], seq: 1 }),
        stored: () => undefined,
        now: () => 0,
      },
    );
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/more memory than the import thread has \(8 MB\)/);
  } finally {
    delete process.env.CUR_IMPORT_OLD_MB;
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
