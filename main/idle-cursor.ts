/**
 * Hides the mouse cursor over the wall when nobody moves it. Pure: main polls the cursor
 * position (`screen.getCursorScreenPoint()`) and feeds it here with the time; the answer says
 * when to hide or show it (window-factory.ts `setCursorHidden`). Polling in main needs
 * nothing from the renderer and works over every window, whatever page it shows.
 */

/** How long the cursor must stay still before it is hidden. */
export const CURSOR_IDLE_MS = 3_000;
/** How often main polls the cursor position. */
export const CURSOR_POLL_MS = 500;

export class IdleCursor {
  readonly #idleMs: number;
  #last: { x: number; y: number } | undefined;
  #movedAt = 0;
  #hidden = false;

  constructor(idleMs = CURSOR_IDLE_MS) {
    this.#idleMs = idleMs;
  }

  get hidden(): boolean {
    return this.#hidden;
  }

  /** Feeds the cursor position at `now`; returns `hide` or `show` when the cursor should change, else null. */
  update(p: { x: number; y: number }, now: number): 'hide' | 'show' | null {
    const moved = this.#last !== undefined && (p.x !== this.#last.x || p.y !== this.#last.y);
    if (this.#last === undefined) this.#movedAt = now;
    this.#last = { x: p.x, y: p.y };
    if (moved) {
      this.#movedAt = now;
      if (this.#hidden) {
        this.#hidden = false;
        return 'show';
      }
      return null;
    }
    if (!this.#hidden && now - this.#movedAt >= this.#idleMs) {
      this.#hidden = true;
      return 'hide';
    }
    return null;
  }
}
