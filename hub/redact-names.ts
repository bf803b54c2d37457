/**
 * Citizens' names out of free text, by morphology rather than by a fixed word order: every
 * capitalised word (or initial) is classed as a first name (a dictionary of names in all
 * six cases), a patronymic (its suffixes in all cases), a surname (Russian surname
 * morphology in all cases) or an initial; a run of such words is a name when its
 * combination says so («Кузнецовой Марии Ивановны», «Иван Петров», «Тимофеевой Н.»,
 * «И. И. Петров»), and a single surname-shaped word is one on its own mid-sentence or after
 * a word that introduces a person («гр. Николаевой», «участкового Ильина»). Words after a
 * street or settlement prefix («ул. Гагарина», «д. Иваново») and the republic's place
 * names are not names. Tuned to fail safe: a doubtful surname is removed.
 */
import { municipalities } from '../app/domain/municipality';
import { FIRST_NAME_FORMS } from './name-data';

const F = 1; // first name
const P = 2; // patronymic
const S = 4; // surname-shaped, strong (-ов, -ин and their cases)
const W = 8; // surname-shaped, weak (-ский, -ко, -ук …: also adjectives and place names)
const I = 16; // initial

const PATRONYMIC = /^[А-ЯЁ][а-яё]+(?:(?:ович|евич|ьич)(?:а|у|ем|е)?|(?:овн|евн|ичн)(?:а|ы|е|у|ой|ою))$|^[А-ЯЁ][а-яё]+(?:оглы|кызы)$/u;
const STRONG_SURNAME = /^[А-ЯЁ][а-яё]+(?:ов|ев|ёв|ин|ын)(?:а|у|ым|е|ой|ою|ы|ых|ыми)?(?:-[А-ЯЁ][а-яё]+)?$/u;
const WEAK_SURNAME = /^[А-ЯЁ][а-яё]+(?:(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую)|енко|ко|(?:ук|юк|ян|янц|ман)(?:а|у|ом|е)?|дзе|швили|ых|их)$/u;
/** Place names and other capitalised words that look like surnames but are not. */
const NOT_NAMES = new Set<string>([
  ...municipalities('2025').flatMap((m) => [m.shortName, m.centreName.replace(/^\S+\s+/, '')]),
  ...municipalities('2023').flatMap((m) => [m.shortName, m.centreName.replace(/^\S+\s+/, '')]),
  'Москва',
  'Москвы',
  'Россия',
  'России',
  'Чувашия',
  'Чувашии',
  'Госуслуги',
  'Госуслуг',
  'Минздрав',
  'Водоканал',
  'Ростелеком',
  'Путин',
  'Ленин',
  'Ленина',
  'Гагарин',
  'Гагарина',
  'Сбербанк',
  'Почта',
  'Пятёрочка',
  'Магнит',
  'Рождество',
  'Новый',
  // Common nouns that end like a surname, capitalised at a sentence's start.
  'Магазин',
  'Магазина',
  'Магазину',
  'Магазине',
  'Бензин',
  'Карантин',
  'Домов',
  'Столбов',
  'Сугробов',
  'Кустов',
  'Дворов',
  'Подвалов',
  'Автобусов',
  'Рейсов',
  'Часов',
  'Годов',
  'Ветров',
  'Островов',
  'Зубов',
  'Врачей',
  'Домофон',
  'Домофона',
  'Плавательный',
  'Тротуаров',
  'Фонарей',
  'Контейнеров',
  'Светофоров',
  'Люков',
  'Подъездов',
  'Жильцов',
  'Гаражей',
]);
/**
 * Words after which the next capitalised words are a street or settlement, not a person:
 * abbreviations with their dot («с. Батырево», not the preposition «с Петровым»), full words
 * with only a space after them («улица Николаева», not «…бульвар. Дмитриева»).
 */
const PLACE_ABBR = /^(?:им|ул|пр|просп|пер|б-р|ш|пл|наб|мкр|г|с|д|дер|п|пос|пгт|р-н|ст)$/iu;
const PLACE_WORD =
  /^(?:имени|ул|улица|улице|улицу|улицы|проспект|проспекта|проспекте|переулок|переулке|бульвар|бульваре|шоссе|площадь|площади|проезд|набережная|набережной|микрорайон|микрорайоне|тракт|город|городе|города|село|селе|деревня|деревне|посёлок|поселок|пгт|район|округ|станция|школа|школе|лицей|гимназия|кинотеатр|ТЦ|ТРЦ|ЖК|СНТ|ДК)$/iu;
/** Words that introduce a person: a single surname after them is a name. */
const PERSON_CUE =
  /^(?:гр|гражданин|гражданина|гражданину|гражданином|гражданка|гражданки|гражданке|гражданку|участковый|участкового|участковому|участковым|заявитель|заявителя|заявителю|заявительница|заявительницы|житель|жителя|жителю|жительница|жительницы|жительнице|зовут|имя|уважением|от|сосед|соседа|соседка|соседки|мастер|мастера|директор|директора|врач|врача|водитель|водителя|депутат|депутата|инспектор|инспектора|инспектору|мастеру|участковой|директору|врачу|водителю|письмо|обращение|обращения|пенсионер|пенсионерка|пенсионерки|ветеран|ветерана|просит|пишет|сообщает|г-н|г-жа|господин|госпожа|уважаемый|уважаемая|семья|семьи|семье|родственник|сын|дочь|мать|отец|бабушка|дедушка|фамилия|фио|подпись)$/iu;

// A capitalised word (hyphenated parts allowed), a capital initial with its dot, or any word.
const TOKEN = /[А-ЯЁA-Z]\.|[А-ЯЁа-яёA-Za-z]+(?:-[А-ЯЁа-яё]+)*/gu;

interface Tok {
  start: number;
  end: number;
  cls: number;
  word: string;
}

/** «ИВАНОВ» → «Иванов»: names are sometimes written in capitals. */
function titleCase(w: string): string {
  return w.length > 1 && w === w.toUpperCase() ? w[0]! + w.slice(1).toLowerCase() : w;
}

function classOf(raw: string): number {
  if (/^[А-ЯЁ]\.$/u.test(raw)) return I;
  const w = titleCase(raw);
  if (!/^[А-ЯЁ]/u.test(w) || NOT_NAMES.has(w)) return 0;
  let c = 0;
  if (FIRST_NAME_FORMS.has(w)) c |= F;
  if (PATRONYMIC.test(w)) c |= P;
  if (STRONG_SURNAME.test(w)) c |= S;
  else if (WEAK_SURNAME.test(w)) c |= W;
  return c;
}

/** Only whitespace (and no sentence end) between two tokens of one name. */
const JOINED = /^\s{1,3}$|^$/;

function isName(run: Tok[], cued: boolean, midSentence: boolean): boolean {
  const all = run.reduce((a, t) => a | t.cls, 0);
  const named = run.filter((t) => t.cls & (F | P | S | W)).length;
  if (all & P) return true;
  if (all & I) return named > 0 && run.length >= 2;
  if (named >= 2 && all & (F | S | W) && (all & F || all & S)) return true;
  if (run.length === 1) {
    const c = run[0]!.cls;
    if (cued && c & (F | S | W)) return true;
    if (c & S && (midSentence || run[0]!.word.length >= 5)) return true;
  }
  return false;
}

/** The text with every name found replaced by «[ФИО]». */
export function redactNames(text: string): string {
  if (!/[А-ЯЁ]/u.test(text)) return text;
  const toks: Tok[] = [];
  for (const m of text.matchAll(TOKEN)) toks.push({ start: m.index, end: m.index + m[0].length, cls: classOf(m[0]), word: m[0] });
  let out = '';
  let pos = 0;
  for (let i = 0; i < toks.length; i++) {
    if (!toks[i]!.cls) continue;
    const prev = toks[i - 1];
    const gap = prev ? text.slice(prev.end, toks[i]!.start) : '';
    if (prev && ((PLACE_ABBR.test(prev.word) && /^\.\s*$/u.test(gap)) || (PLACE_WORD.test(prev.word) && /^\s+$/u.test(gap)))) {
      // A street or settlement: skip its capitalised words.
      while (i + 1 < toks.length && toks[i + 1]!.cls && JOINED.test(text.slice(toks[i]!.end, toks[i + 1]!.start))) i++;
      continue;
    }
    let j = i;
    while (j + 1 < toks.length && toks[j + 1]!.cls && JOINED.test(text.slice(toks[j]!.end, toks[j + 1]!.start).replace(/^\./, ''))) j++;
    const run = toks.slice(i, j + 1);
    const cued = !!prev && PERSON_CUE.test(prev.word) && /^[.,:]?\s*$/u.test(text.slice(prev.end, toks[i]!.start));
    const before = text.slice(0, toks[i]!.start).trimEnd();
    const midSentence = before.length > 0 && !/[.!?…:;"«(\n]$/u.test(before);
    if (isName(run, cued, midSentence)) {
      out += text.slice(pos, run[0]!.start) + '[ФИО]';
      pos = run[run.length - 1]!.end;
    }
    i = j;
  }
  return pos === 0 ? text : out + text.slice(pos);
}
