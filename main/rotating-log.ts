/**
 * The wall app's log file, rotated by size so months of running never fill the disk:
 * `cur-wall.log` is the current file, `cur-wall.log.1` the previous one, … up to
 * `maxFiles` files in all. The file system is injected (the tests use a real temporary
 * directory; main passes `node:fs`). A failing disk never stops the wall: the error is
 * reported once on the console and writing goes on being tried.
 */
import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './ipc';

/** The parts of `node:fs` the log uses. */
export interface LogFs {
  appendFileSync(path: string, data: string): void;
  statSync(path: string, options: { throwIfNoEntry: false }): { size: number } | undefined;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: true }): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
}

export interface RotatingLogOptions {
  dir: string;
  /** @default 'cur-wall.log' */
  name?: string;
  /** Size at which the current file is rotated. @default 5 MiB */
  maxBytes?: number;
  /** Files kept, the current one included. @default 5 */
  maxFiles?: number;
  fs?: LogFs;
  /** Where a write error is reported (once). @default console.error */
  onError?: (message: string) => void;
}

export class RotatingLog {
  readonly path: string;
  readonly #fs: LogFs;
  readonly #maxBytes: number;
  readonly #maxFiles: number;
  readonly #onError: (message: string) => void;
  #size: number | undefined;
  #failing = false;

  constructor(opts: RotatingLogOptions) {
    this.#fs = opts.fs ?? nodeFs;
    this.path = join(opts.dir, opts.name ?? 'cur-wall.log');
    this.#maxBytes = Math.max(1024, opts.maxBytes ?? 5 * 1024 * 1024);
    this.#maxFiles = Math.max(1, Math.floor(opts.maxFiles ?? 5));
    this.#onError = opts.onError ?? ((m) => console.error(m));
    try {
      this.#fs.mkdirSync(opts.dir, { recursive: true });
    } catch (err) {
      this.#report(err);
    }
  }

  /** Appends one line (a newline is added), rotating first when the file would grow past `maxBytes`. */
  write(line: string): void {
    const data = `${line.replace(/\n+$/, '')}\n`;
    const bytes = Buffer.byteLength(data, 'utf8');
    try {
      this.#size ??= this.#fs.statSync(this.path, { throwIfNoEntry: false })?.size ?? 0;
      if (this.#size > 0 && this.#size + bytes > this.#maxBytes) this.#rotate();
      this.#fs.appendFileSync(this.path, data);
      this.#size += bytes;
      this.#failing = false;
    } catch (err) {
      // Unknown size after a failure: ask the file system again next time.
      this.#size = undefined;
      this.#report(err);
    }
  }

  /** `log.N` is dropped, `log.(N-1)` → `log.N`, … `log` → `log.1`. */
  #rotate(): void {
    const fs = this.#fs;
    if (this.#maxFiles === 1) {
      fs.rmSync(this.path, { force: true });
    } else {
      fs.rmSync(`${this.path}.${this.#maxFiles - 1}`, { force: true });
      for (let i = this.#maxFiles - 2; i >= 1; i--) {
        if (fs.statSync(`${this.path}.${i}`, { throwIfNoEntry: false })) fs.renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
      }
      fs.renameSync(this.path, `${this.path}.1`);
    }
    this.#size = 0;
  }

  #report(err: unknown): void {
    if (this.#failing) return;
    this.#failing = true;
    this.#onError(`[cur-wall] cannot write the log file ${this.path}: ${(err as Error).message}`);
  }
}

/**
 * A logger that writes every line to the console and, timestamped, to the log file:
 * `2025-01-31T09:00:00.000Z WARN message`.
 */
export function fileLogger(file: Pick<RotatingLog, 'write'>, consoleLog: Logger = console, now: () => Date = () => new Date()): Logger {
  const line = (level: string, args: unknown[]): string =>
    `${now().toISOString()} ${level} ${args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : JSON.stringify(a))).join(' ')}`;
  return {
    info: (...args: unknown[]) => {
      consoleLog.info(...args);
      file.write(line('INFO', args));
    },
    warn: (...args: unknown[]) => {
      consoleLog.warn(...args);
      file.write(line('WARN', args));
    },
    error: (...args: unknown[]) => {
      consoleLog.error(...args);
      file.write(line('ERROR', args));
    },
  };
}
