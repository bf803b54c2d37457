/**
 * The configuration the feed worker applies live (issue 12): the hub's `config:doc` messages
 * (`app/protocol/config.ts`), each checked with its document's schema at the boundary. A body
 * that fails is not applied: the last good version stays, and `problem` says so in Russian for
 * the status line.
 *
 * Applied today: `alarm-rules` (the worker's alarm evaluation, panel-engine.ts),
 * `production-calendar` (every working-time deadline the worker computes), `sectors` (the map's
 * colours and sector indices, and the page's legends and filters), `playlists` (the page's
 * scene rotation, at the next scene boundary) and `organisations` (the page's organisation
 * names, renderer/panels/org-label.ts). Every other document is only checked and
 * remembered by version (docs/config.md, «Live»).
 */
import { DEFAULT_ALARM_RULES, type AlarmRule } from '../../app/alarms/alarm-rules';
import { createProductionCalendar, RU_PRODUCTION_CALENDAR, type ProductionCalendar } from '../../app/calendar/production-calendar';
import { describeConfigErrors } from '../../app/config/config-errors';
import { CONFIG_TITLES, isConfigName, validateConfigBody, type ConfigBodies, type ConfigName } from '../../app/config/documents';
import { DEFAULT_SECTORS, type Sector } from '../../app/domain/sector';
import { ConfigDocSchema } from '../../app/protocol/config';
import type { Playlist } from '../../app/scenes/playlist';
import type { PageConfig } from './frame';

/** Documents whose new version the worker puts into effect. */
export const APPLIED_DOCUMENTS: readonly ConfigName[] = ['alarm-rules', 'production-calendar', 'sectors', 'playlists', 'organisations'];

/** Documents the page takes from the worker (`WorkerFrame.config`): a new version is posted at once. */
export const PAGE_DOCUMENTS: readonly ConfigName[] = ['sectors', 'playlists', 'organisations'];

export class LiveConfig {
  /** The alarm rules in effect (the last good `alarm-rules`, else the built-in ones). */
  alarmRules: readonly AlarmRule[] = DEFAULT_ALARM_RULES;
  /** The production calendar in effect (the last good `production-calendar`, else the built-in one). */
  calendar: ProductionCalendar = RU_PRODUCTION_CALENDAR;
  /** The sectors in effect (the last good `sectors`, else the built-in ones). */
  sectors: readonly Sector[] = DEFAULT_SECTORS;
  /** The named playlists in effect; null: the built-in ones (no `playlists` document above version 1 yet). */
  playlists: Readonly<Record<string, Playlist>> | null = null;
  /** The organisation directory in effect and its version; null: the built-in one (none above version 1 yet). */
  organisations: PageConfig['organisations'] = null;
  /** Years of that calendar whose transfers are confirmed by a decree (for the status line). */
  confirmedYears: readonly number[] | null = null;
  /** The version in effect of each document received (1, the built-in body, until one comes). */
  readonly versions = new Map<ConfigName, number>();
  /** Why the last version of some document was not applied, in Russian; null when none failed. */
  problem: string | null = null;
  private readonly failed = new Map<ConfigName, string>();

  /**
   * Takes one `config:doc`; returns the name of a document whose new version is now in effect
   * and changes what the worker or the page computes, else null.
   */
  apply(raw: unknown): ConfigName | null {
    const doc = ConfigDocSchema.safeParse(raw);
    if (!doc.success || !isConfigName(doc.data.name)) return null;
    const { name, version, body } = doc.data;
    if (version <= (this.versions.get(name) ?? 0)) return null;
    const checked = validateConfigBody(name, body);
    if (!checked.ok) {
      const kept = this.versions.get(name) ?? 1;
      this.failed.set(name, `Настройка «${CONFIG_TITLES[name]}» v${version} не применена (${describeConfigErrors(checked.errors, 2)}); действует v${kept}`);
      this.problem = [...this.failed.values()].join(' · ');
      return null;
    }
    this.versions.set(name, version);
    this.failed.delete(name);
    this.problem = this.failed.size > 0 ? [...this.failed.values()].join(' · ') : null;
    if (name === 'production-calendar') {
      const years = checked.value as ConfigBodies['production-calendar'];
      this.calendar = createProductionCalendar(years);
      this.confirmedYears = years.filter((y) => y.confirmed).map((y) => y.year);
      return name;
    }
    if (name === 'sectors') {
      this.sectors = checked.value as ConfigBodies['sectors'];
      return name;
    }
    if (name === 'playlists') {
      this.playlists = checked.value as ConfigBodies['playlists'];
      return name;
    }
    if (name === 'organisations') {
      this.organisations = { version, body: checked.value as ConfigBodies['organisations'] };
      return name;
    }
    if (name === 'alarm-rules') {
      // Validated by the alarm-rules schema just above (the name picks the schema).
      this.alarmRules = checked.value as ConfigBodies['alarm-rules'];
      return name;
    }
    return null;
  }

  /** The page's part (`WorkerFrame.config`). */
  pageConfig(): PageConfig {
    return { sectors: this.sectors, playlists: this.playlists, organisations: this.organisations };
  }
}
