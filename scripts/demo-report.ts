/**
 * `npm run demo:report`: what a month of the demo source looks like through the wall's own
 * figures — inflow per channel and sector, overdue share per channel, repeat share,
 * satisfaction, and the ОМСУ and ОИВ rating tables with their spread. For checking that the
 * demo is as kind or as harsh as a real region, and that the ratings rank for a reason.
 * `--seed N` (default 1), `--days D` (default 30), `--at YYYY-MM-DD` (default today).
 */
import { parseArgs } from 'node:util';
import { CHANNEL_LABELS, type Appeal, type AppealChannel } from '../app/domain/entity';
import { DEFAULT_SECTORS } from '../app/domain/sector';
import { defaultOrgDirectory } from '../app/domain/organisations';
import { municipalityByOktmo } from '../app/domain/municipality';
import { rateBodies, type RatingSubject } from '../app/ratings/rate-bodies';
import { DEFAULT_RATING_CONFIG, RATING_COMPONENTS } from '../app/ratings/rating-config';
import { findRepeats, linkRepeats } from '../app/ratings/repeat-complaints';
import { slaInfo } from '../app/sla/sla-state';
import { keyEntity, newSalt } from '../hub/applicant-key';
import { DemoSource } from '../hub/demo-source';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, days: { type: 'string', default: '30' }, at: { type: 'string' } } });
const seed = Number(values.seed);
const days = Number(values.days);
const now = values.at ? Date.parse(`${values.at}T12:00:00+03:00`) : Date.now();
if (!Number.isInteger(seed) || !(days > 0 && days <= 400) || !Number.isFinite(now)) {
  console.error('usage: npm run demo:report -- [--seed N] [--days 1..400] [--at YYYY-MM-DD]');
  process.exit(2);
}

const DAY = 86_400_000;
const salt = newSalt();
const change = new DemoSource({ seed, speed: 1, backfillDays: days }).backfill(now);
// As the hub does at ingest: applicant and address keys, then the repeat links.
const appeals = linkRepeats(change.upserts.filter((e): e is Appeal => e.kind === 'appeal').map((a) => keyEntity(a, salt) as Appeal)).filter(
  (a) => a.createdAt >= now - days * DAY,
);
const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : '—');

console.log(`Демо-данные: seed ${seed}, ${days} дн. до ${new Date(now).toISOString().slice(0, 10)}; обращений ${appeals.length}\n`);

console.log('Поступление по каналам и отраслям');
const channels = Object.keys(CHANNEL_LABELS) as AppealChannel[];
console.table(
  Object.fromEntries(
    DEFAULT_SECTORS.map((s) => [
      s.label,
      Object.fromEntries(channels.map((c) => [CHANNEL_LABELS[c], appeals.filter((a) => a.sector === s.id && a.channel === c).length])),
    ]),
  ),
);

console.log('Просрочка по каналам (просрочено сейчас или отвечено позже срока, из решённых по сроку)');
console.table(
  Object.fromEntries(
    channels.map((c) => {
      const items = appeals.filter((a) => a.channel === c);
      const states = items.map((a) => slaInfo(a, now));
      const overdueOpen = states.filter((s) => s.status === 'overdue').length;
      const late = items.filter((a, i) => a.answeredAt !== undefined && a.answeredAt > states[i]!.dueAt).length;
      const decided = items.filter((a, i) => a.answeredAt !== undefined || states[i]!.status === 'overdue').length;
      return [
        CHANNEL_LABELS[c],
        { всего: items.length, 'просрочено открытых': overdueOpen, 'ответ с опозданием': late, доля: pct(overdueOpen + late, decided) },
      ];
    }),
  ),
);

const answered = appeals.filter((a) => a.answeredAt !== undefined && a.answeredAt <= now);
const repeats = findRepeats(appeals, { windowDays: DEFAULT_RATING_CONFIG.repeatWindowDays }, now);
const rated = answered.filter((a) => a.satisfaction);
console.log(`Повторные жалобы: ${repeats.size} из ${answered.length} отвеченных (${pct(repeats.size, answered.length)})`);
console.log(
  `Удовлетворённость (ПОС): ${rated.filter((a) => a.satisfaction === 'satisfied').length} из ${rated.length} оценок (${pct(rated.filter((a) => a.satisfaction === 'satisfied').length, rated.length)})\n`,
);

const orgs = defaultOrgDirectory();
for (const [subject, title] of [
  ['municipality', 'Рейтинг ОМСУ'],
  ['oiv', 'Рейтинг ОИВ'],
] as [RatingSubject, string][]) {
  const r = rateBodies(appeals, { subject, from: now - days * DAY, to: now, now });
  const name = (k: string) => (subject === 'municipality' ? (municipalityByOktmo(k)?.shortName ?? k) : (orgs.get(k)?.short ?? k));
  console.log(`${title} (${r.rows.length} в рейтинге, ${r.unrated.length} без рейтинга)`);
  console.table(
    r.rows.map((row) => ({
      место: row.rank,
      орган: name(row.key),
      балл: row.score,
      ...Object.fromEntries(RATING_COMPONENTS.map((c) => [c, row.components[c] === undefined ? '—' : Math.round(row.components[c]!)])),
      обращений: row.figures.items,
    })),
  );
  const scores = r.rows.map((x) => x.score);
  if (scores.length) {
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
    console.log(`разброс: ${Math.min(...scores)}…${Math.max(...scores)}, среднее ${mean.toFixed(1)}, σ ${sd.toFixed(1)}\n`);
  }
}
