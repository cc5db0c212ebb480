import type { DoctorCheckInfo } from '../../../../shared/contract/host';

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;
const WORD = { ok: 'ok', warn: 'warning', fail: 'failing' } as const;

/** The doctor's checks: status, message, and the fix — a command to copy or a button. */
export function DoctorChecks({ checks, busyCheck, onFix }: { checks: DoctorCheckInfo[]; busyCheck?: string; onFix(checkId: string): void }) {
  return (
    <ul className="doctor-checks" aria-label="Doctor checks">
      {checks.map((check) => (
        <li key={check.id} className="doctor-check" data-status={check.status}>
          <span className={`mark-${check.status}`} role="img" aria-label={WORD[check.status]}>
            {MARK[check.status]}
          </span>
          <div>
            <strong>{check.title}</strong>: {check.message}
            {check.fix && check.status !== 'ok' ? (
              <div className="doctor-fix">
                {check.fix.kind === 'action' ? (
                  <button type="button" className="primary" disabled={busyCheck !== undefined} onClick={() => onFix(check.id)}>
                    {busyCheck === check.id ? 'Fixing…' : check.fix.label}
                  </button>
                ) : (
                  <>
                    {check.fix.label ? <span className="muted">{check.fix.label}: </span> : <span className="muted">Fix: </span>}
                    <code>{check.fix.command}</code>
                  </>
                )}
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
