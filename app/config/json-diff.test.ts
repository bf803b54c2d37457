import { describe, expect, it } from 'vitest';
import { diffHunks, diffLines, diffStats, prettyJson } from './json-diff';

const text = (lines: { op: string; text: string }[]) => lines.map((l) => `${l.op}${l.text}`);

describe('diffLines', () => {
  it('equal texts: every line kept, numbered in both', () => {
    const d = diffLines('a\nb', 'a\nb');
    expect(text(d)).toEqual([' a', ' b']);
    expect(d[1]).toMatchObject({ oldNo: 2, newNo: 2 });
  });

  it('a changed line in the middle is one removal and one addition, the rest kept', () => {
    const d = diffLines('a\nb\nc\nd', 'a\nB\nc\nd');
    expect(text(d)).toEqual([' a', '-b', '+B', ' c', ' d']);
    expect(diffStats(d)).toEqual({ added: 1, removed: 1 });
  });

  it('insertions and deletions keep the longest common subsequence', () => {
    const d = diffLines('x\na\nb\nc', 'a\nb\ny\nc\nz');
    expect(text(d)).toEqual(['-x', ' a', ' b', '+y', ' c', '+z']);
    expect(d.find((l) => l.text === 'z')).toMatchObject({ newNo: 5 });
    expect(d.find((l) => l.text === 'x')).toMatchObject({ oldNo: 1 });
  });

  it('a sector added to a pretty-printed list shows as its added lines only', () => {
    const before = [{ id: 'a', label: 'А', color: [1, 2, 3] }];
    const after = [...before, { id: 'b', label: 'Б', color: [4, 5, 6] }];
    const d = diffLines(prettyJson(before), prettyJson(after));
    expect(diffStats(d).removed).toBeLessThanOrEqual(1); // at most the closing brace, which gets a comma
    expect(diffStats(d).added).toBeGreaterThanOrEqual(8);
    expect(d.filter((l) => l.op === '+').map((l) => l.text.trim())).toContain('"id": "b",');
  });

  it('from and to an empty text', () => {
    expect(text(diffLines('', 'a'))).toEqual(['-', '+a']);
    expect(diffStats(diffLines('a\nb', 'a'))).toEqual({ added: 0, removed: 1 });
  });
});

describe('diffHunks', () => {
  it('keeps the changes with their context and marks skipped runs', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const b = [...a];
    b[10] = 'changed';
    const h = diffHunks(diffLines(a.join('\n'), b.join('\n')), 2);
    expect(h[0]).toBeNull();
    expect(h.filter((l) => l !== null).map((l) => `${l!.op}${l!.text}`)).toEqual([' l8', ' l9', '-l10', '+changed', ' l11', ' l12']);
    expect(h[h.length - 1]).toBeNull();
  });
});
