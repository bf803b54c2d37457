/**
 * Command-line and environment options of the wall app. Pure: `argv` and `env` are passed in,
 * so every message an installer may see is tested.
 *
 * Only `--name=value` options of our own are read; anything else on the command line
 * (Chromium switches such as `--enable-logging`, the app path `electron .` adds) is left to
 * Electron.
 */
import { parseArgs } from 'node:util';
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
  /** This PC's id in a multi-PC layout (`pc` of its screens); null = a single-PC wall. */
  pc: string | null;
  /**
   * Token of the `/admin` role: when set, main connects to the hub's `/admin` namespace to
   * report screen health and take reload/capture commands. Never put into a URL.
   */
  adminToken: string | null;
}

/** Our options: command-line name and environment variable. */
const OPTIONS = {
  hub: 'CUR_HUB_URL',
  token: 'CUR_WALL_TOKEN',
  layout: 'CUR_WALL_LAYOUT',
  pc: 'CUR_WALL_PC',
  'admin-token': 'CUR_ADMIN_TOKEN',
} as const;
type OptionName = keyof typeof OPTIONS;

export const USAGE =
  'Использование / usage: cur-wall [--hub=URL] [--token=TOKEN] [--layout=FILE] [--pc=ID] [--admin-token=TOKEN]\n' +
  `  --hub=URL            адрес хаба / hub URL (env CUR_HUB_URL, default ${DEFAULT_HUB_URL})\n` +
  `  --token=TOKEN        токен стены / wall token (env CUR_WALL_TOKEN, default ${DEFAULT_WALL_TOKEN})\n` +
  '  --layout=FILE        раскладка стены, JSON / wall layout JSON (env CUR_WALL_LAYOUT)\n' +
  '  --pc=ID              этот ПК в раскладке на несколько ПК / this PC in a multi-PC layout (env CUR_WALL_PC)\n' +
  '  --admin-token=TOKEN  токен /admin: здоровье экранов и команды / /admin token: screen health and commands (env CUR_ADMIN_TOKEN)';

/** Printable ASCII without spaces: the token travels in a URL and a socket.io handshake. */
const TOKEN_RE = /^[\x21-\x7e]{1,512}$/;
/** Same form as screen ids in the layout. */
const PC_RE = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * Reads the options. Precedence: command line, then environment, then default. An empty
 * environment variable counts as unset. Errors say which option is wrong and how to fix it.
 */
export function parseOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParseResult<KioskOptions> {
  const fromArgs: Partial<Record<OptionName, string>> = {};
  // Not strict: Chromium's switches and the app path pass through untouched.
  const { tokens } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: Object.fromEntries(Object.keys(OPTIONS).map((name) => [name, { type: 'string' }])) as Record<OptionName, { type: 'string' }>,
  });
  for (const t of tokens) {
    if (t.kind !== 'option' || !(t.name in OPTIONS)) continue;
    const name = t.name as OptionName;
    // Only `--name=value`: a separate value could be a Chromium switch's.
    if (!t.inlineValue || t.value === undefined)
      return { ok: false, error: `Опция --${name} пишется как --${name}=значение / write --${name}=value\n${USAGE}` };
    fromArgs[name] = t.value;
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
    return {
      ok: false,
      error: `Неверный токен (${tokenRaw?.from}) / bad token: 1–512 печатных ASCII-символов без пробелов / 1–512 printable ASCII characters, no spaces`,
    };
  }

  const layoutRaw = pick('layout');
  if (layoutRaw && layoutRaw.value.trim() === '') return { ok: false, error: `Пустой путь к раскладке (${layoutRaw.from}) / empty layout path` };

  const pcRaw = pick('pc');
  if (pcRaw && !PC_RE.test(pcRaw.value)) {
    return {
      ok: false,
      error: `Неверный id ПК «${pcRaw.value}» (${pcRaw.from}) / bad PC id: латиница в нижнем регистре, цифры и дефис / lower-case latin, digits, dashes`,
    };
  }

  const adminRaw = pick('admin-token');
  if (adminRaw && !TOKEN_RE.test(adminRaw.value)) {
    return {
      ok: false,
      error: `Неверный токен /admin (${adminRaw.from}) / bad admin token: 1–512 печатных ASCII-символов без пробелов / 1–512 printable ASCII characters, no spaces`,
    };
  }

  return {
    ok: true,
    value: {
      hubUrl: hub.value.base,
      hubOrigin: hub.value.origin,
      token,
      layoutPath: layoutRaw?.value ?? null,
      pc: pcRaw?.value ?? null,
      adminToken: adminRaw?.value ?? null,
    },
  };
}
