/**
 * Which window goes on which display: a pure function of the wall layout, this PC's id and
 * the displays the OS reports, so the whole placement logic is tested without Electron.
 *
 * Displays are matched by geometry, never by id alone: operating systems renumber displays
 * after a reboot, a driver update or a cable swap, while the desktop rectangles stay where
 * the installer put them. A display id in the layout only breaks ties.
 */
import { scaleViewport, wallViewports, type CanvasViewport } from '../app/wall/geometry';
import type { ScreenShows, WallLayout, WallScreen } from '../app/wall/wall-layout';
import { sameParams, screenParams, type ScreenParams } from './screen-params';

/** A desktop rectangle (Electron's `Rectangle`, in DIP). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What main needs to know about one display (a subset of Electron's `Display`). */
export interface DisplayInfo {
  id: number;
  bounds: Rect;
  primary?: boolean;
  /** Device pixels per DIP. @default 1 */
  scaleFactor?: number;
}

export type WallView = WallScreen['view'];

/** One window to open. */
export interface PlannedWindow {
  screenId: string;
  view: WallView;
  /** What the screen shows (the default for a plan without a layout: a map of its own). */
  shows?: ScreenShows;
  /** Where the window goes. */
  bounds: Rect;
  /** The display it lands on (for logs only: ids are not stable). */
  displayId: number;
  /**
   * True when the window covers its whole display and can be a fullscreen kiosk window;
   * false when the layout splits one display into several screens by `bounds`.
   */
  fullscreen: boolean;
  /**
   * For a screen of a map region with known geometry: its viewport of the region's virtual
   * canvas, in the window's CSS pixels (rescaled when the window is not the panel's pixels).
   */
  viewport?: CanvasViewport;
  /** What the layout says about the screen, for its URL (absent without a layout). */
  params?: ScreenParams;
}

/** A screen of the layout that got no window, and why. */
export interface SkippedScreen {
  screenId: string;
  reason: string;
}

export interface WindowPlan {
  windows: PlannedWindow[];
  skipped: SkippedScreen[];
  /** Things an installer should fix though the wall runs (wrong --pc, a display of another size…). */
  warnings: string[];
}

const centreX = (r: Rect): number => r.x + r.width / 2;
const centreY = (r: Rect): number => r.y + r.height / 2;

function containsPoint(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function sameViewport(a: CanvasViewport | undefined, b: CanvasViewport | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.canvasWidth === b.canvasWidth &&
    a.canvasHeight === b.canvasHeight &&
    a.offsetX === b.offsetX &&
    a.offsetY === b.offsetY &&
    a.width === b.width &&
    a.height === b.height
  );
}

/** A viewport of panel pixels in a window `windowWidth` CSS px wide (rescaled unless they agree). */
export function windowViewport(v: CanvasViewport, windowWidth: number): CanvasViewport {
  const scale = windowWidth / v.width;
  return Math.abs(scale - 1) < 1e-9
    ? { canvasWidth: v.canvasWidth, canvasHeight: v.canvasHeight, offsetX: v.offsetX, offsetY: v.offsetY, width: v.width, height: v.height }
    : scaleViewport(v, scale);
}

/**
 * Displays in reading order: rows top to bottom, left to right within a row. A display
 * joins the current row when its vertical centre lies within the row's first display, so
 * screens of different heights aligned at the bottom still form one row.
 */
export function orderDisplays(displays: readonly DisplayInfo[]): DisplayInfo[] {
  const byCentreY = [...displays].sort((a, b) => centreY(a.bounds) - centreY(b.bounds) || a.bounds.x - b.bounds.x || a.id - b.id);
  const rows: DisplayInfo[][] = [];
  for (const d of byCentreY) {
    const row = rows.at(-1);
    const head = row?.[0];
    const cy = centreY(d.bounds);
    if (row && head && cy >= head.bounds.y && cy < head.bounds.y + head.bounds.height) row.push(d);
    else rows.push([d]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id));
}

/**
 * The screens this PC drives. A layout that names no PC is driven whole by any PC. A layout
 * that does needs `--pc` to be one of its PCs; otherwise `error` says which ones exist and
 * `screens` is null (the caller runs as without a layout, so the wall is never black).
 */
export function screensForPc(layout: WallLayout, pc: string | null): { screens: WallScreen[] | null; error: string | null } {
  const pcs = [...new Set(layout.screens.flatMap((s) => (s.pc === undefined ? [] : [s.pc])))];
  if (pcs.length === 0) return { screens: layout.screens, error: null };
  const list = pcs.join(', ');
  if (pc === null) {
    return {
      screens: null,
      error: `раскладка «${layout.name}» для нескольких ПК (${list}): укажите --pc=… / the layout is for several PCs (${list}): start with --pc=<one of them>`,
    };
  }
  const mine = layout.screens.filter((s) => s.pc === pc);
  if (mine.length === 0)
    return {
      screens: null,
      error: `в раскладке «${layout.name}» нет экранов ПК «${pc}»; есть ${list} / the layout has no screens for --pc=${pc}; its PCs are ${list}`,
    };
  return { screens: mine, error: null };
}

/** One wall screen per display: the primary (else the first in reading order) is `main`, the others `screen-2`, … */
function planWithoutLayout(ordered: DisplayInfo[], warnings: string[]): WindowPlan {
  const primary = ordered.find((d) => d.primary) ?? ordered[0];
  let n = 1;
  const windows = ordered.map((d): PlannedWindow => ({
    screenId: d === primary ? 'main' : `screen-${++n}`,
    view: 'wall',
    bounds: { ...d.bounds },
    displayId: d.id,
    fullscreen: true,
  }));
  // `main` first: it is the window an operator looks for in logs.
  return { windows: windows.sort((a, b) => Number(b.screenId === 'main') - Number(a.screenId === 'main')), skipped: [], warnings };
}

const sizeText = (r: { width: number; height: number }): string => `${r.width}×${r.height}`;

/**
 * Plans one window per wall screen of this PC.
 *
 * - `layout === null` (none configured): every display gets a wall screen; the primary
 *   display (else the first in reading order) is `main`, the others `screen-2`,
 *   `screen-3`, … in reading order. The same when `pc` matches none of a multi-PC layout
 *   (with a warning).
 * - A screen with `bounds` goes to the display that contains the centre of its bounds, with
 *   exactly those bounds (several screens may share one display).
 * - A screen with a `display` hint takes, whole: the display containing `display.point`;
 *   else one of `display.size`; a `display.id` only breaks ties (or, alone, is tried first).
 * - The other screens take the displays left over, in reading order, in layout order.
 * - Screens that find no display are listed in `skipped` with a reason, never guessed.
 * - Map-region screens with geometry get their viewport of the region's canvas, computed
 *   over the *whole* layout (a canvas may span several PCs).
 */
export function planWindows(layout: WallLayout | null, displays: readonly DisplayInfo[], pc: string | null = null): WindowPlan {
  const ordered = orderDisplays(displays);
  if (layout === null) return planWithoutLayout(ordered, []);
  const mine = screensForPc(layout, pc);
  if (!mine.screens) return planWithoutLayout(ordered, [mine.error ?? 'no screens for this PC']);

  const warnings: string[] = [];
  const skipped: SkippedScreen[] = [];
  const placed = new Map<string, { display: DisplayInfo; bounds: Rect; fullscreen: boolean }>();
  const taken = new Set<DisplayInfo>();
  const screens = mine.screens;

  // 1. Exact bounds: the display containing their centre (may be shared).
  for (const s of screens) {
    if (!s.bounds) continue;
    const b = s.bounds;
    const display = ordered.find((d) => containsPoint(d.bounds, centreX(b), centreY(b)));
    if (!display) {
      skipped.push({
        screenId: s.id,
        reason: `ни один дисплей не содержит центр (${centreX(b)}, ${centreY(b)}) / no display contains the centre of its bounds`,
      });
      continue;
    }
    taken.add(display);
    placed.set(s.id, { display, bounds: { ...b }, fullscreen: sameRect(b, display.bounds) });
  }

  const take = (s: WallScreen, display: DisplayInfo): void => {
    taken.add(display);
    placed.set(s.id, { display, bounds: { ...display.bounds }, fullscreen: true });
  };
  const free = (): DisplayInfo[] => ordered.filter((d) => !taken.has(d));
  const byId = (list: DisplayInfo[], id: number | undefined): DisplayInfo | undefined => (id === undefined ? undefined : list.find((d) => d.id === id));

  // 2. A point on the display: the strongest hint.
  for (const s of screens) {
    const hint = s.display;
    if (!hint?.point) continue;
    const { x, y } = hint.point;
    const display = free().find((d) => containsPoint(d.bounds, x, y));
    if (!display) {
      const busy = ordered.some((d) => containsPoint(d.bounds, x, y));
      skipped.push({
        screenId: s.id,
        reason: busy
          ? `дисплей в точке (${x}, ${y}) уже занят другим экраном / the display at (${x}, ${y}) is taken by another screen`
          : `нет дисплея в точке (${x}, ${y}) / no display at (${x}, ${y})`,
      });
      continue;
    }
    if (hint.size && (hint.size.width !== display.bounds.width || hint.size.height !== display.bounds.height)) {
      warnings.push(
        `экран ${s.id}: дисплей в (${x}, ${y}) размером ${sizeText(display.bounds)}, а в раскладке ${sizeText(hint.size)} / screen ${s.id}: the display at (${x}, ${y}) is ${sizeText(display.bounds)}, the layout says ${sizeText(hint.size)}`,
      );
    }
    take(s, display);
  }

  // 3. A size (and maybe an id to break ties), then an id alone.
  for (const s of screens) {
    const hint = s.display;
    if (!hint || hint.point || placed.has(s.id)) continue;
    if (hint.size) {
      const { width, height } = hint.size;
      const fits = free().filter((d) => d.bounds.width === width && d.bounds.height === height);
      const display = byId(fits, hint.id) ?? fits[0];
      if (!display) skipped.push({ screenId: s.id, reason: `нет свободного дисплея ${width}×${height} / no free display of ${width}×${height}` });
      else take(s, display);
      continue;
    }
    const display = byId(free(), hint.id);
    if (display) take(s, display);
    else
      warnings.push(
        `экран ${s.id}: нет дисплея с id ${hint.id} (id меняются после перезагрузки: лучше display.point); беру следующий по порядку / screen ${s.id}: no display id ${hint.id} (ids change after a reboot: prefer display.point); taking the next one in reading order`,
      );
  }

  // 4. The rest: the displays left over, in reading order.
  screens.forEach((s, index) => {
    if (placed.has(s.id) || skipped.some((k) => k.screenId === s.id)) return;
    if (s.bounds || s.display?.point || s.display?.size) return;
    const display = free()[0];
    if (!display) {
      skipped.push({
        screenId: s.id,
        reason: `нет дисплея №${index + 1} (подключено ${ordered.length}) / no display #${index + 1}, ${ordered.length} connected`,
      });
      return;
    }
    take(s, display);
  });

  const viewports = wallViewports(layout);
  const windows: PlannedWindow[] = [];
  for (const s of screens) {
    const p = placed.get(s.id);
    if (!p) continue;
    const w: PlannedWindow = {
      screenId: s.id,
      view: s.view,
      shows: s.shows,
      bounds: p.bounds,
      displayId: p.display.id,
      fullscreen: p.fullscreen,
      params: screenParams(layout, s, p.bounds.height),
    };
    const v = viewports.get(s.id);
    if (v) {
      w.viewport = windowViewport(v, p.bounds.width);
      const devW = Math.round(p.bounds.width * (p.display.scaleFactor ?? 1));
      const devH = Math.round(p.bounds.height * (p.display.scaleFactor ?? 1));
      if (p.fullscreen && (devW !== v.width || devH !== v.height)) {
        warnings.push(
          `экран ${s.id}: дисплей ${devW}×${devH} пикселей, а в раскладке ${v.width}×${v.height} (карта будет масштабирована) / screen ${s.id}: the display has ${devW}×${devH} pixels, the layout says ${v.width}×${v.height}; the map is scaled`,
        );
      }
    }
    windows.push(w);
  }
  return { windows, skipped, warnings };
}

/** What a window currently shows, as far as re-planning is concerned. */
export type OpenWindowState = Pick<PlannedWindow, 'view' | 'bounds' | 'fullscreen' | 'viewport' | 'params'>;

export interface WindowDiff {
  /** Screens that need a new window. */
  open: PlannedWindow[];
  /** Screens whose window stays but must move or resize. */
  move: PlannedWindow[];
  /** Screens whose window must close. */
  close: string[];
}

/**
 * What to do to go from the open windows to a new plan (after a display was added or
 * removed). A window is identified by its screen id; a window whose view, viewport or
 * parameters changed is closed and opened again, since its URL changed.
 */
export function diffWindows(current: ReadonlyMap<string, OpenWindowState>, planned: readonly PlannedWindow[]): WindowDiff {
  const open: PlannedWindow[] = [];
  const move: PlannedWindow[] = [];
  const close: string[] = [];
  const plannedIds = new Set(planned.map((p) => p.screenId));
  for (const id of current.keys()) if (!plannedIds.has(id)) close.push(id);
  for (const p of planned) {
    const now = current.get(p.screenId);
    if (!now) open.push(p);
    else if (now.view !== p.view || !sameViewport(now.viewport, p.viewport) || !sameParams(now.params, p.params)) {
      close.push(p.screenId);
      open.push(p);
    } else if (!sameRect(now.bounds, p.bounds) || now.fullscreen !== p.fullscreen) move.push(p);
  }
  return { open, move, close };
}
