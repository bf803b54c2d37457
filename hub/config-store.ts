/**
 * The configuration documents at the hub (issue 12): every version kept in the log
 * (`FeedLog.configLatest` …, the SQLite table `config_versions`), the built-in bodies stored as
 * version 1 the first time a hub opens its log, and the validated current set in memory.
 *
 * A save names the version it was made from (`baseVersion`): not the latest → 409, nothing
 * stored. A body is checked by its schema, then the whole set with it in place by the
 * cross-document checks (`app/config/cross-checks.ts`), and a sector list that drops a sector
 * still used by open appeals needs a `remap`; any error → 400 with every error's path, nothing
 * stored. A rollback stores an old body as a new version, through the same checks. Every save
 * and rollback, accepted or refused, goes to the audit log.
 */
import { CONFIG_NAMES, builtInBody, builtInConfig, validateConfigBody, type ConfigBodies, type ConfigName } from '../app/config/documents';
import type { ConfigError } from '../app/config/config-errors';
import { crossCheck, removedSectorsInUse, type SectorRemap } from '../app/config/cross-checks';
import { OrgDirectory } from '../app/domain/organisations';
import { TopicList } from '../app/domain/topics';
import type { ConfigState } from '../app/protocol/config';
import { ROLES } from '../app/protocol/feed';
import type { ConfigVersion, FeedLog } from './feed-log';

/** Who the first versions are by. */
export const BUILT_IN_AUTHOR = 'built-in';

export interface ConfigStoreDeps {
  log: FeedLog;
  now: () => number;
  /** Open appeals per sector id (for a sector list that drops one). */
  openBySector: () => ReadonlyMap<string, number>;
  /** Moves the open appeals of each `old` sector to `new` (after the new sector list is stored). */
  remapItems?: (remap: SectorRemap) => Promise<number>;
}

/** A save's outcome, as the HTTP API answers it. */
export type SaveResult =
  | { status: 200; version: number; remapped?: number }
  | { status: 400; errors: ConfigError[] }
  | { status: 404; error: string }
  | { status: 409; error: string; latest: number };

/** A version without its body (lists and history). */
export type ConfigMeta = Omit<ConfigVersion, 'body'>;

export interface SaveRequest {
  baseVersion: number;
  body: unknown;
  remap?: SectorRemap;
}

const errorKey = (e: { path: string; message: string }) => `${e.path}\u0000${e.message}`;
/** `import-pos.values.sector.X` is in `import-pos`; `sectors[2].id` in `sectors`. */
const inDocument = (path: string, name: string) => path === name || path.startsWith(`${name}.`) || path.startsWith(`${name}[`);

export class ConfigStore {
  private current: ConfigBodies;
  private readonly listeners: ((v: ConfigVersion) => void)[] = [];
  /** The version of each document that is current here. */
  private readonly applied = new Map<string, number>();
  private sectorSet: ReadonlySet<string>;
  private orgs: OrgDirectory;
  private topics: TopicList;
  /** Documents whose stored latest version fails today's schema: the newest valid one is used. */
  readonly problems: string[] = [];

  constructor(private readonly deps: ConfigStoreDeps) {
    const builtIn = builtInConfig();
    const current = {} as Record<ConfigName, unknown>;
    for (const name of CONFIG_NAMES) {
      if (!deps.log.configLatest(name)) deps.log.putConfig({ name, version: 1, body: builtInBody(name), updatedAt: deps.now(), updatedBy: BUILT_IN_AUTHOR });
      current[name] = this.newestValid(name) ?? builtIn[name];
    }
    this.current = current as ConfigBodies;
    this.sectorSet = new Set(this.current.sectors.map((s) => s.id));
    this.orgs = new OrgDirectory(this.current.organisations);
    this.topics = new TopicList(this.current.topics);
    for (const name of CONFIG_NAMES) this.applied.set(name, deps.log.configLatest(name)?.version ?? 1);
    // A cluster log (hub/cluster/): versions stored by other nodes become current here too.
    deps.log.onConfig?.((v) => this.adopt(v));
  }

  /** A version another node stored: current here once its body passes its schema. */
  private adopt(v: ConfigVersion): void {
    if (!(CONFIG_NAMES as readonly string[]).includes(v.name)) return;
    const name = v.name as ConfigName;
    const checked = validateConfigBody(name, v.body);
    if (!checked.ok) {
      this.problems.push(`config ${name} v${v.version} from another hub node fails its schema here: ${checked.errors[0]?.path}: ${checked.errors[0]?.message}`);
      return;
    }
    if (this.install(v, { ...this.current, [name]: checked.value } as ConfigBodies)) for (const fn of this.listeners) fn(v);
  }

  /** Makes `next` current; false when a version as new is current already (nothing changed). */
  private install(v: ConfigVersion, next: ConfigBodies): boolean {
    if ((this.applied.get(v.name) ?? 0) >= v.version) return false;
    this.applied.set(v.name, v.version);
    this.current = next;
    if (v.name === 'sectors') this.sectorSet = new Set(next.sectors.map((s) => s.id));
    if (v.name === 'organisations') this.orgs = new OrgDirectory(next.organisations);
    if (v.name === 'topics') this.topics = new TopicList(next.topics);
    return true;
  }

  /** The newest stored version that passes its schema (a schema may tighten between releases). */
  private newestValid(name: ConfigName): unknown {
    for (const v of this.deps.log.configHistory(name)) {
      const r = validateConfigBody(name, v.body);
      if (r.ok) return r.value;
      this.problems.push(`config ${name} v${v.version} no longer passes its schema; using an older version: ${r.errors[0]?.path}: ${r.errors[0]?.message}`);
    }
    return undefined;
  }

  /** The current, validated bodies. */
  bodies(): ConfigBodies {
    return this.current;
  }

  /** Ids of the current sectors (ingest accepts an appeal of these). */
  sectorIds(): ReadonlySet<string> {
    return this.sectorSet;
  }

  /** The current `organisations` document as a lookup (ingest resolves `org` and `operator` by it). */
  orgDirectory(): OrgDirectory {
    return this.orgs;
  }

  /** The current `topics` document as a lookup (the public projection's titles). */
  topicList(): TopicList {
    return this.topics;
  }

  /** Every document's latest version, without bodies. */
  list(): ConfigMeta[] {
    return CONFIG_NAMES.map((name) => meta(this.deps.log.configLatest(name)!));
  }

  /** `config:state`. */
  state(): ConfigState {
    return { documents: this.list().map(({ name, version, updatedAt }) => ({ name, version, updatedAt })) };
  }

  latest(name: ConfigName): ConfigVersion {
    return this.deps.log.configLatest(name)!;
  }

  /** One stored version with its body, or undefined. */
  version(name: ConfigName, version: number): ConfigVersion | undefined {
    return this.deps.log.configVersion(name, version);
  }

  history(name: ConfigName): ConfigMeta[] {
    return this.deps.log.configHistory(name).map(meta);
  }

  /** Calls `fn` after every stored version (the live push). */
  onChange(fn: (v: ConfigVersion) => void): void {
    this.listeners.push(fn);
  }

  /** Stores `req.body` as the next version when `req.baseVersion` is the latest and every check passes. */
  async save(name: ConfigName, req: SaveRequest, by: string, what = 'save'): Promise<SaveResult> {
    const latest = this.latest(name);
    if (req.baseVersion !== latest.version) {
      const r: SaveResult = {
        status: 409,
        error: `версия ${req.baseVersion} устарела: последняя версия документа ${name} — ${latest.version}; загрузите её и повторите правку`,
        latest: latest.version,
      };
      this.audit(by, name, what, `refused: stale base ${req.baseVersion} (latest ${latest.version})`);
      return r;
    }
    const checked = validateConfigBody(name, req.body);
    if (!checked.ok) return this.refuse(by, name, what, checked.errors);
    const next = { ...this.current, [name]: checked.value } as ConfigBodies;
    // What this save breaks, or leaves broken in the document saved: a reference already broken in
    // another document (the import mappings' built-in bodies after an upgrade, against a sectors list
    // saved before they existed) must not refuse every other save until someone repairs it first.
    const known = new Set(crossCheck(this.current).map(errorKey));
    const errors = crossCheck(next).filter((e) => inDocument(e.path, name) || !known.has(errorKey(e)));
    if (name === 'sectors') errors.push(...removedSectorsInUse(this.current.sectors, next.sectors, this.deps.openBySector(), req.remap));
    else if (req.remap && Object.keys(req.remap).length > 0) errors.push({ path: 'remap', message: 'remap относится только к документу sectors' });
    if (errors.length > 0) return this.refuse(by, name, what, errors);
    const version: ConfigVersion = { name, version: latest.version + 1, body: req.body, updatedAt: this.deps.now(), updatedBy: by };
    if (!this.deps.log.commitConfig) this.deps.log.putConfig(version);
    else if (!(await this.deps.log.commitConfig(version))) {
      // Another hub node stored this version first (a cluster, hub/cluster/shared-config.ts).
      const newest = this.latest(name).version;
      this.audit(by, name, what, `refused: stale base ${req.baseVersion} (another node stored v${version.version})`);
      return {
        status: 409,
        error: `версия ${req.baseVersion} устарела: последняя версия документа ${name} — ${newest}; загрузите её и повторите правку`,
        latest: newest,
      };
    }
    // False when this node heard its own version back from the cluster first (pushed then).
    const fresh = this.install(version, next);
    const remapped = name === 'sectors' && req.remap && Object.keys(req.remap).length > 0 ? await this.deps.remapItems?.(req.remap) : undefined;
    this.audit(
      by,
      name,
      what,
      `ok: version ${version.version}${remapped !== undefined ? `, ${remapped} open appeals remapped ${JSON.stringify(req.remap)}` : ''}`,
    );
    if (fresh) for (const fn of this.listeners) fn(version);
    return { status: 200, version: version.version, ...(remapped !== undefined && { remapped }) };
  }

  /** Stores version `version`'s body as a new version (the same checks as a save). */
  async rollback(name: ConfigName, version: number, by: string, remap?: SectorRemap): Promise<SaveResult> {
    const old = this.deps.log.configVersion(name, version);
    if (!old) return { status: 404, error: `у документа ${name} нет версии ${version}` };
    return this.save(name, { baseVersion: this.latest(name).version, body: old.body, remap }, by, `rollback to v${version}`);
  }

  private refuse(by: string, name: ConfigName, what: string, errors: ConfigError[]): SaveResult {
    this.audit(by, name, what, `refused: ${errors.length} errors, first ${errors[0]!.path}: ${errors[0]!.message}`);
    return { status: 400, errors };
  }

  private audit(by: string, name: string, what: string, result: string): void {
    // `by` is a token's role, or the name of the person the token names (issue 15).
    const isRole = (ROLES as readonly string[]).includes(by);
    this.deps.log.audit({
      at: this.deps.now(),
      role: isRole ? by : 'admin',
      client: 'http',
      command: `config:${what} ${name}`,
      result,
      person: isRole ? null : by,
    });
  }
}

function meta(v: ConfigVersion): ConfigMeta {
  return { name: v.name, version: v.version, updatedAt: v.updatedAt, updatedBy: v.updatedBy };
}
