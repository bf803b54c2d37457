/**
 * Инцидент Менеджмент export → appeals of channel `social`, one per post. ИМ groups posts
 * into incidents; the grouping is kept in the id, `im:<incident>:<post>` (a post not yet
 * grouped: `im:<post>`), and when ИМ regroups a post the runner removes its old id
 * (`run-import.ts`). `DEFAULT_IM_MAPPING` is our documented assumption (docs/integrations/im.md).
 */
import { DEFAULT_IM_MAPPING_BODY } from '../../app/config/import-mappings';
import { mapTableRow, parseTableMapping, type TableContext, type TableMapping } from './table-mapping';
import type { MapResult, Row } from './types';

export const DEFAULT_IM_MAPPING: TableMapping = parseTableMapping(DEFAULT_IM_MAPPING_BODY);

/** One ИМ row (a post) → one appeal or its errors. */
export function mapImRow(row: Row, rowNo: number, mapping: TableMapping = DEFAULT_IM_MAPPING, ctx?: TableContext): MapResult {
  return mapTableRow(row, rowNo, mapping, ctx);
}

/** The ИМ post id of an entity id (`im:<incident>:<post>` or `im:<post>`), for regrouping. */
export function imPostId(entityId: string): string | undefined {
  if (!entityId.startsWith('im:')) return undefined;
  const parts = entityId.split(':');
  return parts[parts.length - 1];
}
