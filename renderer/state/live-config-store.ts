/**
 * The hub's reference documents on the control pages (issue 12): the touch panel and the
 * presenter follow `sectors`, `topics`, `organisations` and `meeting-scripts` live from their
 * control socket (`config:state`, `config:doc`, app/protocol/config.ts; renderer/control/
 * control-client.ts feeds them here). Until a document above version 1 comes, the built-in
 * body is in effect. A body that fails its schema is not applied: the last good version stays
 * and `problem` says so in Russian for the page's status line.
 *
 * (The wall reads its sectors and playlists from its feed worker instead:
 * renderer/scenes/live-config-store.ts. Its organisation names come here too, from the worker:
 * `setOrganisations`, renderer/feed/feed-client.ts.)
 */
import { create } from 'zustand';
import { describeConfigErrors } from '../../app/config/config-errors';
import { CONFIG_TITLES, validateConfigBody, type ConfigBodies } from '../../app/config/documents';
import { DEFAULT_ORGANISATIONS, OrgDirectory, type Organisation } from '../../app/domain/organisations';
import { DEFAULT_SECTORS, type Sector } from '../../app/domain/sector';
import { DEFAULT_TOPICS, TopicList } from '../../app/domain/topics';
import { DEFAULT_MEETING_SCRIPTS, type MeetingScript } from '../../app/meetings/meeting-script';
import { ConfigDocSchema, ConfigStateSchema } from '../../app/protocol/config';

/** The documents the control pages put into effect. */
export const CONTROL_DOCUMENTS = ['sectors', 'topics', 'organisations', 'meeting-scripts'] as const;
export type ControlDocument = (typeof CONTROL_DOCUMENTS)[number];

export interface HubConfigState {
  sectors: readonly Sector[];
  topics: TopicList;
  orgs: OrgDirectory;
  meetingScripts: readonly MeetingScript[];
  /** The version in effect of each document (absent: 1, the built-in body). */
  versions: Partial<Record<ControlDocument, number>>;
  /** Why the last version of a document was not applied, by document. */
  failed: Partial<Record<ControlDocument, string>>;
  /** Every failure joined, in Russian, for the status line; null when none. */
  problem: string | null;
}

function builtIn(): Pick<HubConfigState, 'sectors' | 'topics' | 'orgs' | 'meetingScripts'> {
  return {
    sectors: DEFAULT_SECTORS,
    topics: new TopicList(DEFAULT_TOPICS),
    orgs: new OrgDirectory(DEFAULT_ORGANISATIONS),
    meetingScripts: DEFAULT_MEETING_SCRIPTS,
  };
}

export const useHubConfig = create<HubConfigState>(() => ({ ...builtIn(), versions: {}, failed: {}, problem: null }));

const isControlDocument = (name: string): name is ControlDocument => (CONTROL_DOCUMENTS as readonly string[]).includes(name);
const joinProblems = (failed: HubConfigState['failed']): string | null => (Object.values(failed).length > 0 ? Object.values(failed).join(' · ') : null);

/** The part of the state a document's body sets. */
function effectOf(name: ControlDocument, body: unknown): Partial<HubConfigState> {
  if (name === 'sectors') return { sectors: body as ConfigBodies['sectors'] };
  if (name === 'topics') return { topics: new TopicList(body as ConfigBodies['topics']) };
  if (name === 'organisations') return { orgs: new OrgDirectory(body as ConfigBodies['organisations']) };
  return { meetingScripts: body as ConfigBodies['meeting-scripts'] };
}

/**
 * Takes one `config:doc`; returns true when a new version of a control document is now in
 * effect. Another document, an older version or a malformed message changes nothing.
 */
export function applyConfigDoc(raw: unknown): boolean {
  const doc = ConfigDocSchema.safeParse(raw);
  if (!doc.success || !isControlDocument(doc.data.name)) return false;
  const { version, body } = doc.data;
  const name = doc.data.name;
  const s = useHubConfig.getState();
  const inEffect = s.versions[name] ?? 1;
  if (version <= inEffect) return false;
  const checked = validateConfigBody(name, body);
  if (!checked.ok) {
    const failed = {
      ...s.failed,
      [name]: `Настройка «${CONFIG_TITLES[name]}» v${version} не применена (${describeConfigErrors(checked.errors, 2)}); действует v${inEffect}`,
    };
    useHubConfig.setState({ failed, problem: joinProblems(failed) });
    return false;
  }
  const failed = { ...s.failed };
  delete failed[name];
  useHubConfig.setState({ ...effectOf(name, checked.value), versions: { ...s.versions, [name]: version }, failed, problem: joinProblems(failed) });
  return true;
}

/**
 * Takes one `config:state`. A hub whose version of a document is below the one in effect (a
 * new hub, a restored database) sends its own from version 1 up: the page goes back to the
 * built-in body, and takes the hub's next `config:doc` whatever its version.
 */
export function applyConfigState(raw: unknown): void {
  const m = ConfigStateSchema.safeParse(raw);
  if (!m.success) return;
  const s = useHubConfig.getState();
  const versions = { ...s.versions };
  const failed = { ...s.failed };
  let reset: Partial<HubConfigState> = {};
  for (const d of m.data.documents) {
    if (!isControlDocument(d.name)) continue;
    const inEffect = versions[d.name];
    if (inEffect === undefined || d.version >= inEffect) continue;
    delete versions[d.name];
    delete failed[d.name];
    reset = { ...reset, ...effectOf(d.name, builtInBody(d.name)) };
  }
  if (Object.keys(reset).length > 0) useHubConfig.setState({ ...reset, versions, failed, problem: joinProblems(failed) });
}

function builtInBody(name: ControlDocument): unknown {
  const b = builtIn();
  return name === 'sectors' ? b.sectors : name === 'topics' ? b.topics.topics : name === 'organisations' ? b.orgs.organisations : b.meetingScripts;
}

/**
 * Takes the feed worker's `organisations` (`WorkerFrame.config`, already checked by its schema
 * there): in effect unless this version or a newer one already is (the touch panel gets the same
 * document from its control socket too).
 */
export function setOrganisations(doc: { version: number; body: readonly Organisation[] }): void {
  const s = useHubConfig.getState();
  if (doc.version <= (s.versions.organisations ?? 1)) return;
  const failed = { ...s.failed };
  delete failed.organisations;
  useHubConfig.setState({ orgs: new OrgDirectory(doc.body), versions: { ...s.versions, organisations: doc.version }, failed, problem: joinProblems(failed) });
}

/** Back to the built-in documents (tests; a page that signs in to another hub). */
export function resetHubConfig(): void {
  useHubConfig.setState({ ...builtIn(), versions: {}, failed: {}, problem: null });
}
