/**
 * Which window goes on which display: a pure function of the wall layout and the displays
 * the OS reports, so the whole placement logic is tested without Electron.
 *
 * Displays are matched by geometry, never by id: operating systems renumber displays after a
 * reboot, a driver update or a cable swap, while the desktop rectangles stay where the
 * installer put them.
 */
import type { WallLayout, WallScreen } from '../app/wall/wall-layout';

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
}

export type WallView = WallScreen['view'];

/** One window to open. */
export interface PlannedWindow {
  screenId: string;
  view: WallView;
  /** Where the window goes. */
  bounds: Rect;
  /** The display it lands on (for logs only: ids are not stable). */
  displayId: number;
  /**
   * True when the window covers its whole display and can be a fullscreen kiosk window;
   * false when the layout splits one display into several screens by `bounds`.
   */
  fullscreen: boolean;
}

/** A screen of the layout that got no window, and why. */
export interface SkippedScreen {
  screenId: string;
  reason: string;
}

export interface WindowPlan {
  windows: PlannedWindow[];
  skipped: SkippedScreen[];
}

const centreX = (r: Rect): number => r.x + r.width / 2;
const centreY = (r: Rect): number => r.y + r.height / 2;

function containsPoint(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/**
 * Displays in reading order: rows top to bottom, left to right within a row. A display
 * joins the current row when its vertical centre lies within the row's first display, so
 * screens of different heights aligned at the bottom still form one row.
 */
export function orderDisplays(displays: readonly DisplayInfo[]): DisplayInfo[] {
  const byCentreY = [...displays].sort(
    (a, b) => centreY(a.bounds) - centreY(b.bounds) || a.bounds.x - b.bounds.x || a.id - b.id,
  );
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
 * Plans one window per wall screen.
 *
 * - `layout === null` (none configured): every display gets a wall screen; the primary
 *   display (else the first in reading order) is `main`, the others `screen-2`,
 *   `screen-3`, … in reading order.
 * - A screen with `bounds` goes to the display that contains the centre of its bounds, with
 *   exactly those bounds (several screens may share one display).
 * - A screen without `bounds` takes the display whose place in reading order is the
 *   screen's index in `layout.screens`, with the display's bounds.
 * - Screens that find no display are listed in `skipped` with a reason, never guessed.
 */
export function planWindows(layout: WallLayout | null, displays: readonly DisplayInfo[]): WindowPlan {
  const ordered = orderDisplays(displays);
  if (layout === null) {
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
    return { windows: windows.sort((a, b) => Number(b.screenId === 'main') - Number(a.screenId === 'main')), skipped: [] };
  }

  const windows: PlannedWindow[] = [];
  const skipped: SkippedScreen[] = [];
  layout.screens.forEach((screen, index) => {
    if (screen.bounds) {
      const b = screen.bounds;
      const display = ordered.find((d) => containsPoint(d.bounds, centreX(b), centreY(b)));
      if (!display) {
        skipped.push({
          screenId: screen.id,
          reason: `ни один дисплей не содержит центр (${centreX(b)}, ${centreY(b)}) / no display contains the centre of its bounds`,
        });
        return;
      }
      windows.push({ screenId: screen.id, view: screen.view, bounds: { ...b }, displayId: display.id, fullscreen: sameRect(b, display.bounds) });
      return;
    }
    const display = ordered[index];
    if (!display) {
      skipped.push({
        screenId: screen.id,
        reason: `нет дисплея №${index + 1} (подключено ${ordered.length}) / no display #${index + 1}, ${ordered.length} connected`,
      });
      return;
    }
    windows.push({ screenId: screen.id, view: screen.view, bounds: { ...display.bounds }, displayId: display.id, fullscreen: true });
  });
  return { windows, skipped };
}

/** What a window currently shows, as far as re-planning is concerned. */
export type OpenWindowState = Pick<PlannedWindow, 'view' | 'bounds' | 'fullscreen'>;

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
 * removed). A window is identified by its screen id; a window whose view changed is
 * closed and opened again, since its URL changed.
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
    else if (now.view !== p.view) {
      close.push(p.screenId);
      open.push(p);
    } else if (!sameRect(now.bounds, p.bounds) || now.fullscreen !== p.fullscreen) move.push(p);
  }
  return { open, move, close };
}
