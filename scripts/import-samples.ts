/**
 * `npm run samples`: writes the synthetic exports of issue 14 into docs/integrations/samples/
 * (ПОС XLSX + CSV, ИМ XLSX, ГИС ЖКХ outage XML, the house register). Deterministic: the same
 * files every run. Everything in them is invented.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSamples } from '../test/support/import-samples';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/integrations/samples');
mkdirSync(dir, { recursive: true });
const s = await makeSamples();
const files: [string, Buffer | string][] = [
  ['pos-export.xlsx', s.posXlsx],
  ['pos-export.csv', s.posCsv],
  ['im-export.xlsx', s.imXlsx],
  ['gis-zhkh-outages.xml', s.outagesXml],
  ['houses.csv', s.housesCsv],
];
for (const [name, data] of files) {
  writeFileSync(path.join(dir, name), data);
  console.log(`samples: ${name} (${Buffer.byteLength(data)} bytes)`);
}
console.log(
  `samples: bad rows on purpose: ПОС ${[...s.facts.pos.badRows].join(', ')}; ИМ ${[...s.facts.im.badRows].join(', ')}; ГИС ЖКХ records ${[...s.facts.outages.badRows].join(', ')}`,
);
