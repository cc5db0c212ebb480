import { Notification } from 'electron';
import type { DesktopNotice } from './notification-rules';
import type { NavigateTarget } from '../../shared/contract/desktop';

// Held until closed or clicked: a notification that is garbage collected loses its click.
const live = new Set<Notification>();

/** Shows a notice; a click opens the view it is about. */
export function showNotice(notice: DesktopNotice, open: (target: NavigateTarget) => void, icon?: string): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: notice.title, body: notice.body, ...(icon ? { icon } : {}) });
  live.add(n);
  n.on('click', () => {
    live.delete(n);
    open(notice.target);
  });
  n.on('close', () => live.delete(n));
  n.show();
}
