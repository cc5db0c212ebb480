import { useEffect } from 'react';
import { useApp, useStores } from '../../app-context';
import { LogsView } from '../logs/LogsView';
import { projectPanels } from '../panels';
import { TerminalPanel } from '../terminal/TerminalPanel';
import { ProjectHeader } from './ProjectHeader';
import { ServicesTable } from './ServicesTable';

/**
 * The project: header with the stack buttons, the services table, other rooms' panels
 * (views/panels.tsx), and the logs — always visible — with a terminal when one is open.
 */
export function ProjectView({ projectId }: { projectId: string }) {
  const { app, logs } = useStores();
  const terminalService = useApp((s) => s.terminalService);
  useEffect(() => {
    void app.getState().refreshServices();
    void app.getState().loadDetail();
    void logs.start(projectId);
    return () => void logs.stop();
  }, [app, logs, projectId]);
  return (
    <div className="project-view">
      <ProjectHeader />
      <div className="project-body">
        <ServicesTable />
        {projectPanels.length > 0 ? (
          <div className="project-panels">
            {projectPanels.map(({ id, title, Component }) => (
              <section key={id} className="panel" aria-label={title} data-panel={id}>
                <h2>{title}</h2>
                <Component projectId={projectId} />
              </section>
            ))}
          </div>
        ) : null}
      </div>
      <div className={terminalService ? 'project-bottom with-terminal' : 'project-bottom'}>
        <LogsView />
        {terminalService ? <TerminalPanel key={`${projectId}/${terminalService}`} projectId={projectId} service={terminalService} /> : null}
      </div>
    </div>
  );
}
