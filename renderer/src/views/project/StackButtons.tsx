import { useApp } from '../../app-context';
import type { StackAction } from '../../store/types';

const BUTTONS: { action: StackAction; label: string; busy: string; title: string }[] = [
  { action: 'up', label: 'Up', busy: 'Starting…', title: 'Create and start every service, in dependency order' },
  { action: 'down', label: 'Down', busy: 'Stopping…', title: 'Stop and remove the containers and networks' },
  { action: 'restart', label: 'Restart', busy: 'Restarting…', title: 'Restart every service' },
];

/** The stack buttons, named exactly Up, Down, Restart. */
export function StackButtons() {
  const busy = useApp((s) => s.stackBusy);
  const stackAction = useApp((s) => s.stackAction);
  return (
    <div className="stack-buttons" role="group" aria-label="Stack">
      {BUTTONS.map((b) => (
        <button
          key={b.action}
          type="button"
          className={b.action === 'up' ? 'primary' : ''}
          title={b.title}
          disabled={busy !== undefined}
          aria-busy={busy === b.action}
          onClick={() => void stackAction(b.action)}
        >
          {b.label}
        </button>
      ))}
      {busy ? (
        <span className="stack-progress" role="status">
          {BUTTONS.find((b) => b.action === busy)?.busy}
        </span>
      ) : null}
    </div>
  );
}
