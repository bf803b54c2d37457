/**
 * A line diff of two versions of a configuration document (issue 12, the admin page's
 * history): both bodies pretty-printed as JSON (2 spaces), then the longest common
 * subsequence of their lines after the common head and tail are cut off. Pure.
 */

/** One line of a diff: kept (` `), removed (`-`) or added (`+`). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
  /** 1-based line number in the old (`-`, ` `) and new (`+`, ` `) text. */
  oldNo?: number;
  newNo?: number;
}

/** Pretty JSON text of a body, as the admin page's editor shows it. */
export function prettyJson(body: unknown): string {
  return JSON.stringify(body, null, 2) ?? 'null';
}

/** Most lines compared cell by cell (the middle, after head and tail): beyond, all of it is replaced. */
export const MAX_DIFF_CELLS = 16_000_000;

/** The line diff from `before` to `after` (texts). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: ' ', text: a[i]!, oldNo: i + 1, newNo: i + 1 });
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  if (n * m > MAX_DIFF_CELLS) {
    am.forEach((text, i) => out.push({ op: '-', text, oldNo: head + i + 1 }));
    bm.forEach((text, j) => out.push({ op: '+', text, newNo: head + j + 1 }));
  } else {
    // lcs[i][j]: the LCS length of am[i..] and bm[j..], one flat array.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) lcs[i * w + j] = am[i] === bm[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        out.push({ op: ' ', text: am[i]!, oldNo: head + i + 1, newNo: head + j + 1 });
        i++;
        j++;
      } else if (j < m && (i >= n || lcs[i * w + j + 1]! > lcs[(i + 1) * w + j]!)) {
        out.push({ op: '+', text: bm[j]!, newNo: head + j + 1 });
        j++;
      } else {
        out.push({ op: '-', text: am[i]!, oldNo: head + i + 1 });
        i++;
      }
    }
  }
  for (let k = tail; k > 0; k--) out.push({ op: ' ', text: a[a.length - k]!, oldNo: a.length - k + 1, newNo: b.length - k + 1 });
  return out;
}

/** Only the changed lines with `context` kept lines around each; a `null` marks a skipped run. */
export function diffHunks(lines: readonly DiffLine[], context = 3): (DiffLine | null)[] {
  const keep = new Uint8Array(lines.length);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = 1;
  });
  const out: (DiffLine | null)[] = [];
  lines.forEach((l, i) => {
    if (keep[i]) out.push(l);
    else if (out[out.length - 1] !== null) out.push(null);
  });
  return out;
}

/** Counts of added and removed lines. */
export function diffStats(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const l of lines) {
    if (l.op === '+') added++;
    else if (l.op === '-') removed++;
  }
  return { added, removed };
}
