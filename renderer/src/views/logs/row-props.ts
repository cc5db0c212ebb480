import type { LogBuffer } from '../../logs/log-buffer';
import type { LogRows } from '../../logs/use-log-rows';

export interface RowsProps {
  buffer: LogBuffer;
  rows: LogRows;
  services: readonly string[];
  showService: boolean;
  currentSeq: number | undefined;
  initialRect?: { width: number; height: number };
}
