import { useEffect } from 'react';
import { useApp, useStores } from '../../app-context';
import { LogsView } from '../logs/LogsView';
import { PanelBoundary } from '../common/PanelBoundary';
import { projectPanels } from '../panels';
import { TerminalPanel } from '../terminal/TerminalPanel';
import { ProjectHeader } from './ProjectHeader';
import { LiveFileBanner } from '../livefile/LiveFileBanner';
import { ServicesTable } from './ServicesTable';

/**
 * The project: header with the stack buttons; on the left the services table over the
 * logs (always visible, taking the remaining height) and a terminal when one is open;
 * on the right the other rooms' panels (views/panels.tsx), scrolling on their own.
 */
export function ProjectView({ projectId }: { projectId: string }) {
  const { app, logs } = useStores();
  const terminalService = useApp((s) => s.terminalService);
  const terminalIndex = useApp((s) => s.terminalIndex);
  useEffect(() => {
    void app.getState().refreshServices();
    void app.getState().loadDetail();
    void logs.start(projectId);
    return () => void logs.stop();
  }, [app, logs, projectId]);
  return (
    <div className="project-view">
      <ProjectHeader />
      <LiveFileBanner projectId={projectId} />
      <div className="project-main">
        <div className="project-left">
          <ServicesTable />
          <div className={terminalService ? 'project-bottom with-terminal' : 'project-bottom'}>
            <LogsView />
            {terminalService ? <TerminalPanel key={`${projectId}/${terminalService}/${terminalIndex ?? 1}`} projectId={projectId} service={terminalService} {...(terminalIndex !== undefined ? { index: terminalIndex } : {})} /> : null}
          </div>
        </div>
        {projectPanels.length > 0 ? (
          <aside className="project-panels" aria-label="Panels">
            {projectPanels.map(({ id, title, Component }) => (
              <section key={id} className="panel" aria-label={title} data-panel={id}>
                <h2>{title}</h2>
                <PanelBoundary title={title}>
                  <Component projectId={projectId} />
                </PanelBoundary>
              </section>
            ))}
          </aside>
        ) : null}
      </div>
    </div>
  );
}
