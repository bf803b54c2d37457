/**
 * ПОС (Платформа обратной связи) export → appeals of channel `pos`. The console's export
 * columns are not public: `DEFAULT_POS_MAPPING` is our documented assumption
 * (docs/integrations/pos.md) and a curator replaces it with a mapping document
 * (the configuration document `import-pos`, seeded from `pos.json` of `--import-config`) without code.
 */
import { DEFAULT_POS_MAPPING_BODY } from '../../app/config/import-mappings';
import { mapTableRow, parseTableMapping, type TableContext, type TableMapping } from './table-mapping';
import type { MapResult, Row } from './types';

export const DEFAULT_POS_MAPPING: TableMapping = parseTableMapping(DEFAULT_POS_MAPPING_BODY);

/** One ПОС row → one appeal (`pos:<Номер сообщения>`) or its errors. */
export function mapPosRow(row: Row, rowNo: number, mapping: TableMapping = DEFAULT_POS_MAPPING, ctx?: TableContext): MapResult {
  return mapTableRow(row, rowNo, mapping, ctx);
}
