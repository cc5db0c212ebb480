import { useState } from 'react';
import type { OpenTarget } from '../../../../shared/contract/open-in';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/errors';
import { useApp } from '../../app-context';
import { ErrorNote } from '../common/ErrorNote';

const LABELS: Record<OpenTarget, string> = { editor: 'VS Code', terminal: 'Terminal' };

/** "Open in VS Code" and "Open in terminal" for one service, with what happened (or what to install). */
export function OpenInButtons({ service, running }: { service: string; running: boolean }) {
  const client = useApp((s) => s.client);
  const projectId = useApp((s) => s.currentId);
  const [note, setNote] = useState<{ text?: string; error?: ErrorInfo }>({});
  const open = async (target: OpenTarget) => {
    if (!projectId) return;
    setNote({});
    try {
      const answer = await client.call('services.openIn', { projectId, service, target });
      setNote({ text: `${answer.program}: ${answer.opened}` });
    } catch (error) {
      setNote({ error: toErrorInfo(error) });
    }
  };
  return (
    <>
      {(['editor', 'terminal'] as const).map((target) => (
        <button key={target} type="button" aria-label={`Open ${service} in ${LABELS[target]}`} disabled={!running && target === 'terminal'} onClick={() => void open(target)}>
          {LABELS[target]}
        </button>
      ))}
      {note.text ? <span className="muted" role="status">{note.text}</span> : null}
      <ErrorNote error={note.error} onDismiss={() => setNote({})} />
    </>
  );
}
