import { useLogs } from '../../app-context';
import { serviceColorSlot } from '../../logs/service-colors';
import { LogRow } from './LogRow';
import type { RowsProps } from './row-props';

/** The line shown at row `index` of the current view. */
export function LogRowAt({ buffer, rows, services, showService, currentSeq, index }: RowsProps & { index: number }) {
  const timestamps = useLogs((s) => s.timestamps);
  const seq = rows.seqAt(index);
  const line = buffer.at(seq);
  if (!line) return null;
  return <LogRow line={line} slot={serviceColorSlot(line.service, services)} showService={showService} timestamps={timestamps} match={rows.matchSet.has(seq)} current={seq === currentSeq} />;
}
