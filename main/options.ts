/**
 * Command-line and environment options of the wall app. Pure: `argv` and `env` are passed in,
 * so every message an installer may see is tested.
 *
 * Only `--name=value` options of our own are read; anything else on the command line
 * (Chromium switches such as `--enable-logging`, the app path `electron .` adds) is left to
 * Electron.
 */
import type { ParseResult } from '../app/wall/wall-layout';
import { parseHubUrl } from './wall-url';

export const DEFAULT_HUB_URL = 'http://127.0.0.1:8400';
export const DEFAULT_WALL_TOKEN = 'dev-wall';

/** What main runs with. */
export interface KioskOptions {
  /** Hub URL without a trailing slash (`parseHubUrl(...).base`). */
  hubUrl: string;
  /** The hub's origin: the only origin windows may show and IPC may come from. */
  hubOrigin: string;
  /** Token of the `/wall` role, passed to the renderer in its URL. */
  token: string;
  /** Wall layout JSON file; null = none configured (every display gets a wall screen). */
  layoutPath: string | null;
}

/** Our options: command-line name and environment variable. */
const OPTIONS = {
  hub: 'CUR_HUB_URL',
  token: 'CUR_WALL_TOKEN',
  layout: 'CUR_WALL_LAYOUT',
} as const;
type OptionName = keyof typeof OPTIONS;

export const USAGE =
  'Использование / usage: cur-wall [--hub=URL] [--token=TOKEN] [--layout=FILE]\n' +
  `  --hub=URL      адрес хаба / hub URL (env CUR_HUB_URL, default ${DEFAULT_HUB_URL})\n` +
  `  --token=TOKEN  токен стены / wall token (env CUR_WALL_TOKEN, default ${DEFAULT_WALL_TOKEN})\n` +
  '  --layout=FILE  раскладка стены, JSON / wall layout JSON (env CUR_WALL_LAYOUT)';

/** Printable ASCII without spaces: the token travels in a URL and a socket.io handshake. */
const TOKEN_RE = /^[\x21-\x7e]{1,512}$/;

/**
 * Reads the options. Precedence: command line, then environment, then default. An empty
 * environment variable counts as unset. Errors say which option is wrong and how to fix it.
 */
export function parseOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParseResult<KioskOptions> {
  const fromArgs: Partial<Record<OptionName, string>> = {};
  for (const arg of argv) {
    const m = /^--(hub|token|layout)(=(.*))?$/s.exec(arg);
    if (!m) continue;
    const name = m[1] as OptionName;
    if (m[2] === undefined) return { ok: false, error: `Опция --${name} пишется как --${name}=значение / write --${name}=value\n${USAGE}` };
    fromArgs[name] = m[3] ?? '';
  }
  const pick = (name: OptionName): { value: string; from: string } | undefined => {
    const arg = fromArgs[name];
    if (arg !== undefined) return { value: arg, from: `--${name}` };
    const e = env[OPTIONS[name]];
    return e ? { value: e, from: OPTIONS[name] } : undefined;
  };

  const hubRaw = pick('hub');
  const hub = parseHubUrl(hubRaw?.value ?? DEFAULT_HUB_URL);
  if (!hub.ok) return { ok: false, error: `${hub.error} (${hubRaw?.from ?? 'default'})` };

  const tokenRaw = pick('token');
  const token = tokenRaw?.value ?? DEFAULT_WALL_TOKEN;
  if (!TOKEN_RE.test(token)) {
    return { ok: false, error: `Неверный токен (${tokenRaw?.from}) / bad token: 1–512 печатных ASCII-символов без пробелов / 1–512 printable ASCII characters, no spaces` };
  }

  const layoutRaw = pick('layout');
  if (layoutRaw && layoutRaw.value.trim() === '') return { ok: false, error: `Пустой путь к раскладке (${layoutRaw.from}) / empty layout path` };

  return { ok: true, value: { hubUrl: hub.value.base, hubOrigin: hub.value.origin, token, layoutPath: layoutRaw?.value ?? null } };
}
