import { describeApplied } from '../../../../shared/livefile-format';
import { useLiveFile } from './use-live-file';

/** The watch panel's entries for the project's own files: one per applied change. */
export function LiveFileEntries({ projectId }: { projectId: string }) {
  const { applied } = useLiveFile(projectId);
  if (applied.length === 0) return null;
  return (
    <ol className="livefile-entries" aria-label="Project file changes">
      {applied.map((entry) => (
        <li key={entry.at} className={entry.ok ? 'watch-ok' : 'watch-failed'}>
          {describeApplied(entry)}
        </li>
      ))}
    </ol>
  );
}
