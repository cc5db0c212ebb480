import { useApp, useStores } from '../../app-context';
import { ErrorNote } from '../common/ErrorNote';
import { HostBadge } from './HostBadge';
import { StackButtons } from './StackButtons';

/** Name, path, host status and the stack buttons of the open project. */
export function ProjectHeader() {
  const project = useApp((s) => s.projects.find((p) => p.projectId === s.currentId));
  const stackError = useApp((s) => s.stackError);
  const { app } = useStores();
  if (!project) return null;
  return (
    <section className="project-header" aria-label="Project">
      <div className="project-title">
        <h1>{project.name}</h1>
        <code className="project-path" title={project.configFiles.join('\n')}>
          {project.workingDir}
        </code>
        <HostBadge />
      </div>
      <StackButtons />
      <ErrorNote error={stackError} onDismiss={() => app.setState({ stackError: undefined })} />
      {project.warnings.length > 0 ? (
        <details className="project-warnings">
          <summary>{project.warnings.length === 1 ? '1 warning' : `${project.warnings.length} warnings`}</summary>
          <ul>
            {project.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
