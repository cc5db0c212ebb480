import { useLogs } from '../../app-context';
import { FixedRows } from './FixedRows';
import type { RowsProps } from './row-props';
import { WrappedRows } from './WrappedRows';

/** The virtualised list: only the rows in view are in the DOM, whatever the volume. */
export function LogList(props: RowsProps) {
  const wrap = useLogs((s) => s.wrap);
  return wrap ? <WrappedRows {...props} /> : <FixedRows {...props} />;
}
