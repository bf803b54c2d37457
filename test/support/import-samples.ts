/**
 * Synthetic exports of the three sources (issue 14), entirely invented: ПОС (XLSX, CSV), ИМ
 * (XLSX), ГИС ЖКХ outages (XML of the `outage-report` schema) and the house register the
 * outage import needs. Each has a few hundred rows including some bad ones, with the bad
 * rows and the personal data listed so tests can check what became of them. `revision: 2`
 * is a newer export of the same items (answers given, outages cancelled or extended, a few
 * new rows). Written to docs/integrations/samples/ by `npm run samples`; the bench uses the
 * row generators for 100,000-row files.
 */
import ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { municipalities, type Municipality } from '../../app/domain/municipality';
import { DEFAULT_ORGANISATIONS } from '../../app/domain/organisations';
import { DEFAULT_TOPICS } from '../../app/domain/topics';
import { createRng, type Rng } from '../../hub/random';

/** The moment the revision-1 exports were made: 30 Nov 2026, 12:00 MSK. */
export const SAMPLE_ANCHOR = Date.UTC(2026, 10, 30, 9);
/** A «now» after both revisions, for hubs that import the samples in tests: 7 Dec 2026, 12:00 MSK. */
export const SAMPLE_NOW = Date.UTC(2026, 11, 7, 9);
const DAY = 86_400_000;
const HOUR = 3_600_000;

const CATEGORY: Record<string, string> = {
  housing: 'ЖКХ',
  roads: 'Дороги',
  improvement: 'Благоустройство',
  transport: 'Транспорт',
  healthcare: 'Здравоохранение',
  education: 'Образование',
  social: 'Социальная защита',
  energy: 'Энергетика',
  waste: 'Обращение с ТКО',
  other: 'Прочее',
};
const IM_RUBRIC: Record<string, string> = { ...CATEGORY, social: 'Соцзащита', waste: 'ТКО' };
const POS_STATUS = { new: 'Новое', in_progress: 'В работе', intermediate: 'Промежуточный ответ', answered: 'Ответ дан', closed: 'Закрыто' } as const;
const IM_STATUS = { new: 'Новый', in_progress: 'В работе', intermediate: 'Промежуточный ответ', answered: 'Ответ дан', closed: 'Закрыт' } as const;
const SURNAMES = ['Кузнецова', 'Павлов', 'Семёнова', 'Андреев', 'Ефимова', 'Тимофеев', 'Данилова', 'Яковлев'];
const FIRST = ['Мария', 'Пётр', 'Светлана', 'Виктор', 'Людмила', 'Андрей', 'Галина', 'Олег'];
const PATRONYMIC = ['Ивановна', 'Сергеевич', 'Петровна', 'Николаевич'];
const STREETS = [
  'ул. Ленина',
  'ул. Гагарина',
  'пр. Мира',
  'ул. Советская',
  'ул. Школьная',
  'ул. Молодёжная',
  'ул. Садовая',
  'ул. Строителей',
  'ул. Чапаева',
  'пр. Тракторостроителей',
];

/** Moscow wall-clock text of a time, «DD.MM.YYYY HH:mm». */
export function mskText(t: number, seconds = false): string {
  const d = new Date(t + 3 * HOUR);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}${seconds ? `:${p(d.getUTCSeconds())}` : ''}`;
}
/** A `Date` whose UTC fields are the Moscow wall-clock time, as a spreadsheet date cell holds it. */
const mskCell = (t: number): Date => new Date(t + 3 * HOUR);
/** xs:dateTime with the Moscow offset. */
const xsTime = (t: number): string => `${new Date(t + 3 * HOUR).toISOString().slice(0, 19)}+03:00`;

const guid = (rng: Rng): string => {
  const h = () => rng.int(0, 0xffff).toString(16).padStart(4, '0');
  return `${h()}${h()}-${h()}-4${h().slice(1)}-a${h().slice(1)}-${h()}${h()}${h()}`;
};

/** Municipalities weighted by population; small jitter around the centre keeps points inside. */
const MUNS = municipalities('2025');
const munWeight = (m: Municipality) => Math.sqrt(m.population);
const orgName = (m: Municipality) => DEFAULT_ORGANISATIONS.find((o) => o.id === `omsu-${m.slug}`)!.name;
const OIV_SHORT: Record<string, string> = {
  healthcare: 'Минздрав',
  education: 'Минобразования',
  social: 'Минтруд',
  transport: 'Минтранс',
  energy: 'Минпромэнерго',
};

function person(rng: Rng): { name: string; phone: string } {
  return {
    name: `${rng.pick(SURNAMES)} ${rng.pick(FIRST)} ${rng.pick(PATRONYMIC)}`,
    phone: `+7 (9${rng.int(10, 99)}) ${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(10, 99)}`,
  };
}

export type SampleRow = (string | number | Date | null)[];
export interface SampleOptions {
  revision?: 1 | 2;
  seed?: number;
}

export const POS_HEADER = [
  'Номер сообщения',
  'Дата создания',
  'Дата изменения',
  'Срок ответа',
  'Дата ответа',
  'Статус',
  'Категория',
  'Подкатегория',
  'Ответственный',
  'Муниципальное образование',
  'Адрес',
  'Широта',
  'Долгота',
  'Текст сообщения',
  'Заявитель',
  'Оценка ответа',
];
export const IM_HEADER = [
  'ID сообщения',
  'ID инцидента',
  'Дата публикации',
  'Дата изменения',
  'Срок ответа',
  'Дата ответа',
  'Статус инцидента',
  'Рубрика',
  'Тема',
  'Ответственный',
  'Муниципалитет',
  'Адрес',
  'Широта',
  'Долгота',
  'Текст сообщения',
  'Автор',
  'Важность',
  'Площадка',
  'Ссылка',
];

/** What a sample holds besides its rows: the personal data in it, and the rows made bad on purpose. */
export interface SampleFacts {
  pii: Set<string>;
  badRows: Set<number>;
}

interface AppealRow {
  pii: string[];
  id: string;
  created: number;
  updated: number;
  due: number;
  answered?: number;
  status: keyof typeof POS_STATUS;
  sector: string;
  topic?: string;
  org: string;
  mun: Municipality;
  address: string;
  point?: [number, number];
  text: string;
  applicant: string;
  satisfaction?: string;
}

/** One synthetic appeal: the same seed and index give the same item in both revisions, a later state in revision 2. */
function appealRow(rng: Rng, i: number, revision: 1 | 2, prefix: number): AppealRow {
  const mun = rng.pick(MUNS, munWeight);
  const topic = rng.pick(DEFAULT_TOPICS);
  const created = SAMPLE_ANCHOR - rng.int(1, 29 * 24) * HOUR - rng.int(0, 59) * 60_000;
  const who = person(rng);
  const street = rng.pick(STREETS);
  const house = rng.int(1, 120);
  const flat = rng.int(1, 200);
  const oiv = OIV_SHORT[topic.sector];
  const org = oiv && rng.next() < 0.5 ? oiv : orgName(mun);
  const stage = rng.next();
  let status: AppealRow['status'] = stage < 0.25 ? 'new' : stage < 0.5 ? 'in_progress' : stage < 0.6 ? 'intermediate' : stage < 0.9 ? 'answered' : 'closed';
  let answered = status === 'answered' || status === 'closed' ? created + rng.int(2, 200) * HOUR : undefined;
  if (answered !== undefined && answered > SAMPLE_ANCHOR) answered = SAMPLE_ANCHOR - HOUR;
  let updated = answered ?? created + rng.int(0, 48) * HOUR;
  if (updated > SAMPLE_ANCHOR) updated = SAMPLE_ANCHOR;
  const satPick = rng.next();
  let satisfaction = answered !== undefined ? (satPick < 0.55 ? 'Удовлетворён' : satPick < 0.8 ? 'Не удовлетворён' : 'Нет оценки') : undefined;
  const late = rng.next();
  const lateAt = SAMPLE_ANCHOR + rng.int(1, 4 * 24) * HOUR; // drawn in both revisions: the same items follow
  if (revision === 2 && answered === undefined && late < 0.5) {
    status = 'answered';
    answered = lateAt;
    updated = answered;
    satisfaction = late < 0.3 ? 'Удовлетворён' : 'Не удовлетворён';
  }
  const point: [number, number] | undefined =
    rng.next() < 0.6 ? [mun.centre[0] + (rng.next() - 0.5) * 0.006, mun.centre[1] + (rng.next() - 0.5) * 0.004] : undefined;
  const text = `${topic.label}. ${street}, д. ${house}, кв. ${flat}. ${rng.next() < 0.5 ? `Прошу принять меры. ${who.name}, тел. ${who.phone}` : 'Прошу разобраться, третий день без изменений.'}`;
  return {
    pii: [who.name, who.phone, `кв. ${flat}`],
    id: String(prefix + i),
    created,
    updated,
    due: created + 10 * DAY,
    answered,
    status,
    sector: topic.sector,
    topic: topic.label,
    org,
    mun,
    address: `${mun.centreName}, ${street}, д. ${house}, кв. ${flat}`,
    point,
    text,
    applicant: rng.next() < 0.5 ? who.name : who.phone,
    satisfaction,
  };
}

/** The ПОС rows (header first), bad rows among them; `dates: 'cells'` writes spreadsheet dates, `'text'` the console's text. */
export function* posRows(
  n: number,
  opts: SampleOptions & { dates: 'cells' | 'text'; facts?: SampleFacts; badEvery?: number } = { dates: 'text' },
): Generator<SampleRow> {
  const revision = opts.revision ?? 1;
  const rng = createRng(opts.seed ?? 14);
  const date = (t: number | undefined) => (t === undefined ? null : opts.dates === 'cells' ? mskCell(t) : mskText(t, true));
  yield POS_HEADER;
  const extra = revision === 2 ? Math.ceil(n / 20) : 0;
  const badEvery = opts.badEvery ?? 23;
  for (let i = 0; i < n + extra; i++) {
    const a = appealRow(rng, i, revision, 2_400_000);
    const row: SampleRow = [
      a.id,
      date(a.created),
      date(a.updated),
      date(a.due),
      date(a.answered),
      POS_STATUS[a.status],
      CATEGORY[a.sector]!,
      a.topic ?? null,
      a.org,
      i % 3 === 0 ? a.mun.oktmo : a.mun.name,
      a.address,
      a.point ? a.point[1] : null,
      a.point ? a.point[0] : null,
      a.text,
      a.applicant,
      a.satisfaction ?? null,
    ];
    const spreadsheetRow = i + 2;
    if (i % badEvery === 7) {
      // A bad row of one of six kinds, the same in both revisions.
      const kind = Math.floor(i / badEvery) % 6;
      if (kind === 0) row[5] = 'Передано в архив'; // unknown status
      if (kind === 1) row[1] = '31.02.2026 10:00'; // impossible date
      if (kind === 2) row[9] = ''; // no municipality
      if (kind === 3) row[8] = 'ООО «Рога и копыта»'; // not in the directory
      if (kind === 4) row[6] = 'Космос'; // unknown category
      if (kind === 5) row[0] = '№ 12/7'; // not an id
      opts.facts?.badRows.add(spreadsheetRow);
    }
    if (opts.facts) for (const p of a.pii) opts.facts.pii.add(p);
    yield row;
  }
}

/** The ИМ rows (header first): posts grouped into incidents (1–5 posts each), bad rows among them. */
export function* imRows(n: number, opts: SampleOptions & { facts?: SampleFacts } = {}): Generator<SampleRow> {
  const revision = opts.revision ?? 1;
  const rng = createRng((opts.seed ?? 14) + 1);
  yield IM_HEADER;
  let incident = 0;
  let left = 0;
  let base: AppealRow | null = null;
  const platforms = ['ВКонтакте', 'Одноклассники', 'Telegram'];
  for (let i = 0; i < n; i++) {
    if (left === 0) {
      incident++;
      left = rng.int(1, 5);
      base = appealRow(rng, incident, revision, 880_000);
    }
    left--;
    const a = base!;
    const who = person(rng);
    const handle = `@chuv_${rng.int(1000, 9999)}`;
    const created = a.created + rng.int(0, 6) * HOUR;
    const text = `${a.topic}! ${a.address.replace(/, кв\. \d+/, '')}. ${rng.next() < 0.5 ? `${who.name} ${who.phone}` : `${handle} пишет: сколько можно ждать?`}`;
    const row: SampleRow = [
      String(5_000_000 + i),
      String(70_000 + incident),
      mskText(created, true),
      mskText(Math.max(a.updated, created), true),
      mskText(created + 8 * HOUR, true),
      a.answered !== undefined ? mskText(Math.max(a.answered, created), true) : null,
      IM_STATUS[a.status],
      IM_RUBRIC[a.sector]!,
      a.topic ?? null,
      a.org,
      a.mun.shortName,
      a.address.replace(/, кв\. \d+/, ''),
      a.point ? String(a.point[1]).replace('.', ',') : null,
      a.point ? String(a.point[0]).replace('.', ',') : null,
      text,
      rng.next() < 0.5 ? who.name : handle,
      rng.next() < 0.15 ? 'Высокая' : 'Обычная',
      rng.pick(platforms),
      `https://vk.com/wall-${rng.int(1000, 99999)}_${i}`,
    ];
    if (i % 29 === 11) {
      const kind = Math.floor(i / 29) % 5;
      if (kind === 0) row[6] = 'Удалён модератором';
      if (kind === 1) row[2] = 'вчера';
      if (kind === 2) row[10] = 'Казань';
      if (kind === 3) row[9] = '';
      if (kind === 4) row[12] = 'север';
      opts.facts?.badRows.add(i + 2);
    }
    if (opts.facts) for (const p of [who.name, who.phone, handle, String(row[15])]) opts.facts.pii.add(p);
    yield row;
  }
}

export interface HouseRow {
  guid: string;
  address: string;
  oktmo: string;
  lon: number;
  lat: number;
  residents: number;
  social: boolean;
}

/** The house register: `n` houses in the municipalities (FIAS GUIDs invented). */
export function houses(n: number, seed = 14): HouseRow[] {
  const rng = createRng(seed + 2);
  return Array.from({ length: n }, () => {
    const m = rng.pick(MUNS, munWeight);
    const social = rng.next() < 0.05;
    return {
      guid: guid(rng),
      oktmo: m.oktmo,
      address: `${m.centreName}, ${rng.pick(STREETS)}, д. ${rng.int(1, 150)}`,
      lon: Math.round((m.centre[0] + (rng.next() - 0.5) * 0.006) * 1e5) / 1e5,
      lat: Math.round((m.centre[1] + (rng.next() - 0.5) * 0.004) * 1e5) / 1e5,
      residents: social ? 0 : rng.int(8, 450),
      social,
    };
  });
}

export const HOUSES_HEADER = ['FiasHouseGUID', 'Адрес', 'ОКТМО', 'Долгота', 'Широта', 'Жителей', 'Соцобъект', 'Поставщик'];
export function housesCsv(list: readonly HouseRow[]): string {
  return csvText([HOUSES_HEADER, ...list.map((h) => [h.guid, h.address, h.oktmo, h.lon, h.lat, h.residents, h.social ? 'да' : '', ''])]);
}

const SERVICE_SETS = [['6'], ['6', '2'], ['2'], ['1'], ['1', '3'], ['4'], ['5'], ['3'], ['7'], ['1', '2', '6']];

/**
 * The ГИС ЖКХ export: a SOAP response `exportOutageReportResult` with `n` OutageReport
 * records (planned and emergency), some bad: a broken GUID, an unknown OutageType, houses not
 * in the register, an end before the start, one record that is not well-formed XML.
 */
export function* outageXml(n: number, register: readonly HouseRow[], opts: SampleOptions & { facts?: SampleFacts } = {}): Generator<string> {
  const revision = opts.revision ?? 1;
  const rng = createRng((opts.seed ?? 14) + 3);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:nsi-base="http://dom.gosuslugi.ru/schema/integration/nsi-base/" xmlns:premises-base="http://dom.gosuslugi.ru/schema/integration/premises-base/" xmlns:ns="http://dom.gosuslugi.ru/schema/integration/outage-report/">\n<soap:Body>\n<ns:exportOutageReportResult base:version="13.2.2.0">\n';
  for (let i = 0; i < n; i++) {
    const planned = rng.next() < 0.55;
    const id = guid(rng);
    const services = rng.pick(SERVICE_SETS);
    const start = SAMPLE_ANCHOR - rng.int(2, 27 * 24) * HOUR + (planned ? 0 : rng.int(0, 59) * 60_000);
    let end = planned ? start + rng.int(4, 72) * HOUR : rng.next() < 0.85 ? start + rng.int(2, 30) * HOUR : undefined;
    let published = planned ? start - rng.int(24, 240) * HOUR : start + rng.int(10, 90) * 60_000;
    let status = 'PUBLISHED';
    let cancelled: number | undefined;
    const k = rng.int(1, 3);
    const at = rng.int(0, register.length - 4);
    const objects = register.slice(at, at + k).map((h) => h.guid);
    const reasonCode = planned ? rng.pick(['1', '2']) : '3';
    const reasonText = planned ? '' : rng.pick(['Порыв трубопровода', 'Повреждение кабельной линии', 'Авария на котельной', 'Утечка газа на вводе']);
    let type = rng.pick(['PAUSE', 'PAUSE', 'LIMITATION', 'SUSPENSION']);
    // Drawn in both revisions, so that the same records follow.
    const fate = rng.next();
    const laterAt = SAMPLE_ANCHOR + rng.int(1, 72) * HOUR;
    const longer = rng.int(4, 24) * HOUR;
    if (revision === 2 && fate < 0.1) {
      status = 'CANCELLED';
      cancelled = laterAt;
    } else if (revision === 2 && fate < 0.25 && end !== undefined) {
      end += longer;
      published = laterAt;
    }
    let guidText = id;
    let startText = xsTime(start);
    let broken = false;
    if (i % 31 === 9) {
      const kind = Math.floor(i / 31) % 5;
      if (kind === 0) guidText = `${id.slice(0, 20)}`;
      if (kind === 1) type = 'BREAK';
      if (kind === 2) objects.splice(0, objects.length, guid(rng));
      if (kind === 3 && end !== undefined) end = start - HOUR;
      if (kind === 3 && end === undefined) startText = 'вчера';
      if (kind === 4) broken = true;
      opts.facts?.badRows.add(i + 1);
    }
    const kind361 = planned
      ? '<nsi-base:Code>1</nsi-base:Code><nsi-base:GUID>9b1b6d2b-0d5f-4c33-9d4f-0b6f1f7a0361</nsi-base:GUID><nsi-base:Name>Плановый</nsi-base:Name>'
      : '<nsi-base:Code>2</nsi-base:Code><nsi-base:GUID>4f0f2f0e-5a3e-4c9b-8d1d-3d2e2a5b0361</nsi-base:GUID><nsi-base:Name>Аварийный</nsi-base:Name>';
    yield [
      '<ns:OutageReport>',
      '<ns:OutageReportData>',
      `<ns:OutageReportGUID>${guidText}</ns:OutageReportGUID>`,
      `<ns:OutageKind>${kind361}</ns:OutageKind>`,
      `<ns:OutageType>${type}</ns:OutageType>`,
      `<ns:ServiceCodes>${services.map((c) => `<ns:ServiceCode>${c}</ns:ServiceCode>`).join('')}</ns:ServiceCodes>`,
      `<ns:StartDate>${startText}</ns:StartDate>`,
      end !== undefined ? `<ns:EndDate>${xsTime(end)}</ns:EndDate>` : '',
      `<ns:OutageReason><nsi-base:Code>${reasonCode}</nsi-base:Code><nsi-base:GUID>00000000-0000-4000-8000-000000000360</nsi-base:GUID></ns:OutageReason>`,
      reasonText ? `<ns:OutageReasonText>${reasonText}</ns:OutageReasonText>` : '',
      `<ns:Status>${status}</ns:Status>`,
      `<ns:PublishedDate>${xsTime(published)}</ns:PublishedDate>`,
      cancelled !== undefined ? `<ns:CancelledDate>${xsTime(cancelled)}</ns:CancelledDate><ns:CancelledReason>Работы перенесены</ns:CancelledReason>` : '',
      broken ? '</ns:OutageReportDataBroken>' : '</ns:OutageReportData>',
      ...objects.map(
        (g) =>
          `<ns:OutageReportObjects><ns:Houses><ns:FiasHouseGUID>${g}</ns:FiasHouseGUID><ns:HouseGUID>${g}</ns:HouseGUID></ns:Houses></ns:OutageReportObjects>`,
      ),
      '</ns:OutageReport>\n',
    ]
      .filter(Boolean)
      .join('\n');
  }
  yield '<ns:IsLastPage>true</ns:IsLastPage>\n</ns:exportOutageReportResult>\n</soap:Body>\n</soap:Envelope>\n';
}

/** CSV as a Russian Excel writes it: `;`, fields quoted when needed, CRLF after every row, UTF-8 with BOM. */
export function csvText(rows: Iterable<SampleRow>): string {
  let out = '\ufeff';
  for (const r of rows) out += csvLine(r);
  return out;
}
export function csvLine(r: SampleRow): string {
  return `${r
    .map((v) => {
      const s = v === null ? '' : v instanceof Date ? mskText(v.getTime() - 3 * HOUR, true) : String(v);
      return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(';')}\r\n`;
}

/** Writes rows to an XLSX with exceljs's streaming writer (inline strings: flat memory). */
export async function writeXlsx(target: NodeJS.WritableStream, rows: Iterable<SampleRow>, sheet: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: target as never, useSharedStrings: false, useStyles: true });
  // Fixed document dates, so that `npm run samples` writes the same bytes every time.
  wb.created = wb.modified = new Date(SAMPLE_ANCHOR);
  wb.creator = 'cur-wall samples';
  const ws = wb.addWorksheet(sheet);
  let first = true;
  for (const r of rows) {
    const row = ws.addRow(r);
    if (first) row.font = { bold: true };
    else r.forEach((v, i) => v instanceof Date && (row.getCell(i + 1).numFmt = 'dd.mm.yyyy hh:mm:ss'));
    first = false;
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/** An XLSX in memory (tests, the committed samples), its zip entry times fixed so the bytes never change. */
export async function xlsxBuffer(rows: Iterable<SampleRow>, sheet: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeXlsx(out, rows, sheet);
  out.end();
  await finished(out);
  return fixZipTimes(Buffer.concat(chunks));
}

/**
 * Sets the DOS time and date of every entry of a zip (its central directory and local headers)
 * to 2026-11-30 00:00, as the archiver stamps each entry with the moment it was written.
 */
function fixZipTimes(zip: Buffer): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return zip;
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const time = 0;
  const date = ((2026 - 1980) << 9) | (11 << 5) | 30;
  for (let i = 0; i < entries && zip.readUInt32LE(p) === 0x02014b50; i++) {
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(date, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) === 0x04034b50) {
      zip.writeUInt16LE(time, local + 10);
      zip.writeUInt16LE(date, local + 12);
    }
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}

/** Sizes of the committed samples. */
export const SAMPLE_SIZES = { pos: 300, im: 300, outages: 200, houses: 500 };

export interface Samples {
  posXlsx: Buffer;
  posCsv: string;
  imXlsx: Buffer;
  outagesXml: string;
  housesCsv: string;
  facts: { pos: SampleFacts; im: SampleFacts; outages: SampleFacts };
}

const newFacts = (): SampleFacts => ({ pii: new Set(), badRows: new Set() });

/** Every sample of one revision, in memory. */
export async function makeSamples(opts: SampleOptions = {}): Promise<Samples> {
  const facts = { pos: newFacts(), im: newFacts(), outages: newFacts() };
  const register = houses(SAMPLE_SIZES.houses, opts.seed);
  return {
    posXlsx: await xlsxBuffer(posRows(SAMPLE_SIZES.pos, { ...opts, dates: 'cells', facts: facts.pos }), 'Сообщения'),
    posCsv: csvText(posRows(SAMPLE_SIZES.pos, { ...opts, dates: 'text' })),
    imXlsx: await xlsxBuffer(imRows(SAMPLE_SIZES.im, { ...opts, facts: facts.im }), 'Публикации'),
    outagesXml: [...outageXml(SAMPLE_SIZES.outages, register, { ...opts, facts: facts.outages })].join(''),
    housesCsv: housesCsv(register),
    facts,
  };
}

/** Writes a stream of text parts to a file. */
export async function writeText(file: string, parts: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for (const p of parts) if (!out.write(p)) await new Promise<void>((r) => out.once('drain', () => r()));
  out.end();
  await finished(out);
}
