/**
 * «PNG сцены»: the presenter's preview of the current step redrawn on a 1920×1080 canvas
 * (title, filter, data moment, figures, comparison or ratings, the municipality map) and
 * saved as a file. Honest limits: it is a redraw of the preview from the same `StepView`, not
 * a pixel copy of a wall screen: the wall's live WebGL map (points, accidents, flights) is not
 * in it. A pixel copy of a screen is the operator's `screen:capture` on `/admin`.
 */
import type { StepView } from '../../app/meetings/step-view';
import { municipalities } from '../../app/domain/municipality';
import { formatMskDateTime } from '../replay/format-time';
import { loadShapes, project, rampColor, rampRange, VIEW_H, VIEW_W } from '../touch/municipality-shapes';
import { compareRows, figureRows, filterText } from './FiguresTable';
import { mapMetric } from './StepPreview';

export const PNG_WIDTH = 1920;
export const PNG_HEIGHT = 1080;
const FONT = '"PT Sans", "DejaVu Sans", "Liberation Sans", sans-serif';
const BG = '#0b1220';
const PANEL = '#111c2f';
const TEXT = '#e8edf5';
const MUTED = '#8d9ab0';

export interface PngCaption {
  scriptTitle: string;
  index: number;
  total: number;
  /** «Данные на», «Данные зафиксированы на», «ПОВТОР»: what the moment is. */
  source: string;
  /** When the export was made (hub time). */
  exportedAt: number;
}

function text(
  ctx: CanvasRenderingContext2D,
  s: string,
  x: number,
  y: number,
  size: number,
  opts: { bold?: boolean; color?: string; maxWidth?: number; align?: CanvasTextAlign } = {},
): void {
  ctx.font = `${opts.bold ? 'bold ' : ''}${size}px ${FONT}`;
  ctx.fillStyle = opts.color ?? TEXT;
  ctx.textAlign = opts.align ?? 'left';
  ctx.fillText(s, x, y, opts.maxWidth);
}

/** Draws the step on a canvas of PNG_WIDTH × PNG_HEIGHT. */
export async function drawStep(canvas: HTMLCanvasElement, v: StepView, c: PngCaption): Promise<void> {
  canvas.width = PNG_WIDTH;
  canvas.height = PNG_HEIGHT;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, PNG_WIDTH, PNG_HEIGHT);
  ctx.fillStyle = PANEL;
  ctx.fillRect(0, 0, PNG_WIDTH, 128);
  text(ctx, `${c.scriptTitle} · шаг ${c.index + 1} из ${c.total}`, 40, 44, 26, { color: MUTED });
  text(ctx, v.title, 40, 102, 50, { bold: true, maxWidth: 1840 });
  text(ctx, `Отбор: ${filterText(v.step.filter)}   ·   ${c.source} ${formatMskDateTime(v.at)} (МСК)`, 40, 172, 26, { color: MUTED, maxWidth: 1840 });

  figureRows(v).forEach(([label, value], i) => {
    const x = 40 + (i % 2) * 520;
    const y = 205 + Math.floor(i / 2) * 135;
    ctx.fillStyle = PANEL;
    ctx.fillRect(x, y, 500, 120);
    text(ctx, label, x + 20, y + 38, 24, { color: MUTED, maxWidth: 460 });
    text(ctx, value, x + 20, y + 98, 56, { bold: true });
  });

  let y = 640;
  const rows = compareRows(v);
  if (v.compare && rows.length) {
    text(ctx, v.compare.current.label, 560, y, 22, { color: MUTED, maxWidth: 240 });
    text(ctx, v.compare.previous.label, 820, y, 22, { color: MUTED, maxWidth: 240 });
    for (const [label, a, b] of rows) {
      y += 48;
      text(ctx, label, 40, y, 28, { maxWidth: 500 });
      text(ctx, a, 560, y, 28, { bold: true });
      text(ctx, b, 820, y, 28, { bold: true, color: '#b4c0d3' });
    }
  }
  if (v.ratings) {
    const list = (title: string, items: typeof v.ratings.top, x: number) => {
      let yy = 640;
      text(ctx, title, x, yy, 26, { color: MUTED });
      for (const r of items) {
        yy += 46;
        text(ctx, `${r.rank}. ${r.label}`, x, yy, 28, { maxWidth: 380 });
        text(ctx, r.score.toFixed(1).replace('.', ','), x + 480, yy, 28, { bold: true, align: 'right' });
      }
    };
    list('Лучшие', v.ratings.top, 40);
    list('Худшие', v.ratings.bottom, 560);
  }

  // The map, fitted into the right-hand area.
  const area = { x: 1100, y: 200, w: 780, h: 820 };
  const k = Math.min(area.w / VIEW_W, area.h / VIEW_H);
  const ox = area.x + (area.w - VIEW_W * k) / 2;
  const oy = area.y + (area.h - VIEW_H * k) / 2;
  const metric = mapMetric(v);
  const range = rampRange(Object.values(metric.values));
  const shapes = await loadShapes().catch(() => []);
  ctx.save();
  ctx.setTransform(k, 0, 0, k, ox, oy);
  ctx.lineWidth = 2 / k;
  ctx.strokeStyle = BG;
  const selected = v.step.spotlight ?? v.step.filter.municipality;
  for (const s of shapes) {
    const p = new Path2D(s.d);
    ctx.fillStyle = rampColor(metric.values[s.oktmo] ?? 0, range);
    ctx.fill(p);
    ctx.stroke(p);
  }
  const sel = shapes.find((s) => s.oktmo === selected);
  if (sel) {
    ctx.lineWidth = 5 / k;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke(new Path2D(sel.d));
  }
  ctx.restore();
  for (const m of municipalities('2025')) {
    const [px, py] = project(m.centre[0], m.centre[1]);
    text(ctx, m.shortName, ox + px * k, oy + py * k, 15, { align: 'center', color: TEXT });
  }
  text(ctx, metric.caption, area.x, area.y + area.h + 30, 20, { color: MUTED });
  text(ctx, `ЦУР Чувашской Республики · экспорт ${formatMskDateTime(c.exportedAt)} (МСК)`, 40, 1060, 20, { color: MUTED });
}

/** The step as a PNG file. */
export async function stepPng(v: StepView, c: PngCaption): Promise<Blob> {
  const canvas = document.createElement('canvas');
  await drawStep(canvas, v, c);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob failed'))), 'image/png'));
}

/** Saves a blob as a download (the presenter runs in a normal browser or an Electron window). */
export function saveAs(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `scene-<script>-<step>-<YYYYMMDD-HHMM>.png` of the data moment. */
export function pngName(scriptId: string, index: number, at: number): string {
  const stamp = formatMskDateTime(at).replace(/^(\d\d)\.(\d\d)\.(\d{4}) (\d\d):(\d\d)$/, '$3$2$1-$4$5');
  return `scene-${scriptId}-${index + 1}-${stamp}.png`;
}
