/**
 * The organisation directory: who answers appeals (ОИВ, ОМСУ) and who runs the utilities
 * (resource operators). The feed carries organisation ids only; a public screen never shows
 * an organisation name a source typed, only the official name this directory gives an id
 * (152-ФЗ: free text can hold a citizen's name). Sources that cannot send ids are mapped by
 * exact name (or a listed former name); anything else is rejected at ingest.
 *
 * ОИВ names follow the structure of the executive bodies of the Chuvash Republic (Указ Главы
 * ЧР о структуре органов исполнительной власти); ОМСУ are the administrations of the 23
 * municipal units of 2025 (and of the 3 city okrugs merged in 2024, for old data).
 */
import { municipalities, type Municipality } from './municipality';

export type OrgType = 'oiv' | 'omsu' | 'operator' | 'other';

export interface Organisation {
  /** Stable id in the feed: `oiv-…`, `omsu-<municipality slug>`, `op-…`. */
  readonly id: string;
  /** Official name. */
  readonly name: string;
  /** Short name for the wall, e.g. «Минздрав». */
  readonly short: string;
  readonly type: OrgType;
  /** OKTMO of the municipality an ОМСУ or a local operator serves. */
  readonly municipality?: string;
  /** Former or colloquial names a source may still send (mapped by exact match). */
  readonly aliases?: readonly string[];
}

const ЧР = 'Чувашской Республики';

const OIV: readonly Organisation[] = [
  { id: 'oiv-minzdrav', short: 'Минздрав', name: `Министерство здравоохранения ${ЧР}` },
  { id: 'oiv-mintrans', short: 'Минтранс', name: `Министерство транспорта и дорожного хозяйства ${ЧР}` },
  { id: 'oiv-minobr', short: 'Минобразования', name: `Министерство образования ${ЧР}` },
  { id: 'oiv-mintrud', short: 'Минтруд', name: `Министерство труда и социальной защиты ${ЧР}` },
  { id: 'oiv-minpromenergo', short: 'Минпромэнерго', name: `Министерство промышленности и энергетики ${ЧР}` },
  { id: 'oiv-minprirody', short: 'Минприроды', name: `Министерство природных ресурсов и экологии ${ЧР}` },
  { id: 'oiv-mininform', short: 'Мининформполитики', name: `Министерство цифрового развития, информационной политики и массовых коммуникаций ${ЧР}` },
  { id: 'oiv-minstroy', short: 'Минстрой', name: `Министерство строительства, архитектуры и жилищно-коммунального хозяйства ${ЧР}` },
  { id: 'oiv-minselkhoz', short: 'Минсельхоз', name: `Министерство сельского хозяйства ${ЧР}` },
  { id: 'oiv-minkultury', short: 'Минкультуры', name: `Министерство культуры, по делам национальностей и архивного дела ${ЧР}` },
  { id: 'oiv-minsport', short: 'Минспорт', name: `Министерство физической культуры и спорта ${ЧР}` },
  { id: 'oiv-minek', short: 'Минэкономразвития', name: `Министерство экономического развития и имущественных отношений ${ЧР}` },
  { id: 'oiv-minfin', short: 'Минфин', name: `Министерство финансов ${ЧР}` },
  { id: 'oiv-gji', short: 'Госжилинспекция', name: `Государственная жилищная инспекция ${ЧР}` },
  { id: 'oiv-gosvetsluzhba', short: 'Госветслужба', name: `Государственная ветеринарная служба ${ЧР}` },
].map((o) => ({ ...o, type: 'oiv' as const }));

/** Utility operators (the accident's `operator`). */
const OPERATORS: readonly Organisation[] = [
  { id: 'op-tplus', short: 'Т Плюс', name: 'Филиал «Марий Эл и Чувашии» ПАО «Т Плюс»', aliases: ['ТГК-5', 'ПАО «Т Плюс»', 'Т Плюс'] },
  { id: 'op-rosseti-volga', short: 'Россети Волга', name: 'Филиал ПАО «Россети Волга» — «Чувашэнерго»', aliases: ['Чувашэнерго', 'Россети Волга'] },
  { id: 'op-energosbyt', short: 'Энергосбыт', name: 'АО «Чувашская энергосбытовая компания»', aliases: ['Чувашская энергосбытовая компания'] },
  {
    id: 'op-gazprom-gr',
    short: 'Газпром газораспределение',
    name: 'АО «Газпром газораспределение Чебоксары»',
    aliases: ['Газпром газораспределение Чебоксары'],
  },
  { id: 'op-vodokanal', short: 'Водоканал', name: 'ООО «Водоканал» (Чебоксары)', municipality: '97701000', aliases: ['Водоканал'] },
  { id: 'op-kommunalnye-seti', short: 'Коммунальные сети', name: 'АО «Коммунальные технологии»', aliases: ['Коммунальные технологии'] },
  { id: 'op-uk', short: 'Управляющая компания', name: 'Управляющая организация многоквартирного дома', aliases: ['Управляющая компания'] },
].map((o) => ({ ...o, type: 'operator' as const }));

function omsu(m: Municipality): Organisation {
  // The wall's former «Адм. Канашский» stays a name a source may send.
  return {
    id: `omsu-${m.slug}`,
    type: 'omsu',
    short: omsuShortName(m),
    name: `Администрация ${genitiveOf(m.name)}`,
    municipality: m.oktmo,
    aliases: [`Адм. ${m.shortName}`],
  };
}

/**
 * The wall's name of a municipality's administration (issue 18: read at 8 m, so whole words and
 * only the abbreviations every reader knows, «МО» and «г.», as the issue's «Администрация
 * Канашского МО»): «Администрация Канашского МО», a city okrug «Администрация г. Чебоксары».
 */
export function omsuShortName(m: Pick<Municipality, 'shortName' | 'type'>): string {
  if (m.type === 'city_okrug') return `Администрация г. ${m.shortName}`;
  return `Администрация ${m.shortName.replace(/(ск|цк)ий$/u, '$1ого').replace(/ый$/u, 'ого')} МО`;
}

/** «Алатырский муниципальный округ» → «Алатырского муниципального округа» (the two forms the directory needs). */
function genitiveOf(name: string): string {
  return name
    .replace(/ий муниципальный округ$/u, 'ого муниципального округа')
    .replace(/ый муниципальный округ$/u, 'ого муниципального округа')
    .replace(/^город (\S+).*$/u, 'города $1');
}

const OMSU: readonly Organisation[] = [
  ...municipalities('2025'),
  ...municipalities('2023').filter((m) => !municipalities('2025').some((n) => n.slug === m.slug)),
].map(omsu);

/** The built-in directory (version 1 of the `organisations` configuration). */
export const DEFAULT_ORGANISATIONS: readonly Organisation[] = [...OIV, ...OMSU, ...OPERATORS];

/** Case, spaces, quotes and ё do not make two names different. */
export function normaliseOrgName(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"„“”']/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lookup of a directory by id and by exact (normalised) name. */
export class OrgDirectory {
  private readonly byId = new Map<string, Organisation>();
  private readonly byName = new Map<string, Organisation>();

  constructor(readonly organisations: readonly Organisation[] = DEFAULT_ORGANISATIONS) {
    for (const o of organisations) {
      this.byId.set(o.id, o);
      for (const n of [o.name, o.short, ...(o.aliases ?? [])]) {
        const k = normaliseOrgName(n);
        if (!this.byName.has(k)) this.byName.set(k, o);
      }
    }
  }

  get(id: string): Organisation | undefined {
    return this.byId.get(id);
  }

  /** The id for a value a source sent: an id of the directory, or an exact official, short or former name. */
  resolve(value: string): string | undefined {
    return this.byId.get(value)?.id ?? this.byName.get(normaliseOrgName(value))?.id;
  }
}

let defaultDirectory: OrgDirectory | null = null;
export function defaultOrgDirectory(): OrgDirectory {
  return (defaultDirectory ??= new OrgDirectory());
}

/** What a public screen shows for an organisation the directory does not know. */
export const UNMATCHED_ORG = 'не сопоставлено';
/** The id the public projection gives an organisation the directory does not know. */
export const UNMATCHED_ORG_ID = 'unmatched';

/** The short name of an organisation id for the wall; «не сопоставлено» for an id the directory lacks. */
export function orgShortName(id: string, dir: OrgDirectory = defaultOrgDirectory()): string {
  return dir.get(id)?.short ?? UNMATCHED_ORG;
}
