import { useEffect, useState, type ReactNode } from 'react';
import { useApp } from '../../app-context';
import { ErrorNote } from '../common/ErrorNote';
import { LoadingState } from '../common/States';
import { DoctorChecks } from './DoctorChecks';
import { HostCandidates, HostProgress, useHostActions } from './HostControls';
import { useDoctor } from './use-doctor';
import { useHostList, useHostStatus } from './use-host-status';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/errors';
import type { SlipwayClient } from '../../../../shared/client';
import './host.css';

type Step = 'host' | 'project' | 'doctor' | 'up';
const ORDER: Step[] = ['host', 'project', 'doctor', 'up'];

/**
 * A new user's way in: find or start the Docker host, open the project, run the doctor and
 * its fixes, then Up — each step with progress, and a way forward when it fails.
 */
export function FirstRun() {
  const client = useApp((s) => s.client);
  const { unsupported } = useHostStatus(client);
  // Open by itself for a new user: nothing opened before (the recent list in settings is empty).
  const firstTime = useApp((s) => s.recent.length === 0);
  const [chosen, setOpen] = useState<boolean | undefined>(undefined);
  const open = chosen ?? firstTime;
  if (unsupported) return null;
  if (!open) {
    return (
      <section className="first-run" aria-label="First run">
        <button type="button" onClick={() => setOpen(true)}>
          Set up a project step by step…
        </button>
      </section>
    );
  }
  return <FirstRunSteps onClose={() => setOpen(false)} />;
}

function FirstRunSteps({ onClose }: { onClose(): void }) {
  const client = useApp((s) => s.client);
  const [step, setStep] = useState<Step>('host');
  const [folder, setFolder] = useState<string>();
  const [summaries, setSummaries] = useState<Partial<Record<Step, string>>>({});
  const finish = (s: Step, summary: string, next: Step): void => {
    setSummaries((all) => ({ ...all, [s]: summary }));
    setStep(next);
  };
  const at = (s: Step): 'done' | 'current' | 'todo' => (ORDER.indexOf(s) < ORDER.indexOf(step) ? 'done' : s === step ? 'current' : 'todo');
  return (
    <section className="first-run" aria-label="First run">
      <h2>Get a project running</h2>
      <ol className="steps">
        <StepBox n={1} title="Docker host" state={at('host')} summary={summaries.host}>
          <HostStep client={client} onReady={(summary) => finish('host', summary, 'project')} />
        </StepBox>
        <StepBox n={2} title="Project" state={at('project')} summary={summaries.project}>
          <ProjectStep
            initial={folder ?? ''}
            onChosen={(path) => {
              setFolder(path);
              finish('project', path, 'doctor');
            }}
          />
        </StepBox>
        <StepBox n={3} title="Doctor" state={at('doctor')} summary={summaries.doctor}>
          {folder ? <DoctorStep client={client} path={folder} onContinue={(summary) => finish('doctor', summary, 'up')} onBack={() => setStep('project')} /> : null}
        </StepBox>
        <StepBox n={4} title="Open and Up" state={at('up')}>
          {folder ? <UpStep client={client} path={folder} onBack={() => setStep('doctor')} /> : null}
        </StepBox>
      </ol>
      <button type="button" className="link-button" onClick={onClose}>
        Hide
      </button>
    </section>
  );
}

function StepBox({ n, title, state, summary, children }: { n: number; title: string; state: 'done' | 'current' | 'todo'; summary?: string | undefined; children: ReactNode }) {
  return (
    <li className="step" aria-current={state === 'current' ? 'step' : undefined} aria-label={`Step ${n}: ${title}`}>
      <h3>
        {n}. {title} {state === 'done' ? <span className="step-done">✓</span> : null}
      </h3>
      {state === 'current' ? children : null}
      {state === 'done' && summary ? <p className="muted">{summary}</p> : null}
    </li>
  );
}

type Client = SlipwayClient;

function HostStep({ client, onReady }: { client: Client; onReady(summary: string): void }) {
  const { status, loading, error, refresh } = useHostStatus(client);
  const list = useHostList(client);
  const { action, start, switchTo, clearError } = useHostActions(client, () => {
    refresh();
    list.refresh();
  });
  const reachable = status?.reachable === true;
  const listHosts = list.refresh;
  useEffect(() => {
    if (status && !status.reachable) listHosts();
  }, [status, listHosts]);
  if (!status) return loading ? <LoadingState label="Looking for the Docker engine…" /> : <ErrorNote error={error} />;
  if (reachable && status.engine) {
    return (
      <div>
        <p>
          Docker {status.engine.version} answers at <code>{status.host.url}</code> <span className="muted">({status.host.source})</span>.
        </p>
        <button type="button" className="primary" onClick={() => onReady(`Docker ${status.engine?.version ?? ''} at ${status.host.url}`)}>
          Continue
        </button>
      </div>
    );
  }
  return (
    <div>
      <ErrorNote error={status.error} />
      <p>Start one of these hosts, or use another that runs:</p>
      {list.loading && !list.hosts ? <LoadingState label="Looking for Docker hosts…" /> : null}
      <ErrorNote error={list.error} />
      {list.hosts ? <HostCandidates hosts={list.hosts} busy={action.busy !== undefined} onStart={(name) => void start(name)} onUse={(name) => void switchTo(name)} /> : null}
      <HostProgress action={action} onDismiss={clearError} />
      <button type="button" disabled={loading || action.busy !== undefined} onClick={refresh}>
        {loading ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}

function ProjectStep({ initial, onChosen }: { initial: string; onChosen(path: string): void }) {
  const [path, setPath] = useState(initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) onChosen(path.trim());
      }}
    >
      <label htmlFor="first-run-path">The folder with your compose.yaml</label>
      <div className="row">
        <input id="first-run-path" type="text" value={path} placeholder="/home/you/src/my-app" spellCheck={false} onChange={(e) => setPath(e.target.value)} />
        <button type="submit" className="primary" disabled={path.trim() === ''}>
          Check it
        </button>
      </div>
    </form>
  );
}

function DoctorStep({ client, path, onContinue, onBack }: { client: Client; path: string; onContinue(summary: string): void; onBack(): void }) {
  const doctor = useDoctor(client, { path });
  const { run } = doctor;
  useEffect(() => {
    void run();
  }, [run]);
  const failing = doctor.checks?.filter((c) => c.status === 'fail').length ?? 0;
  // without a project that loads there is nothing to bring up
  const composeOk = doctor.checks?.some((c) => c.id === 'project.compose' && c.status !== 'fail') ?? false;
  return (
    <div>
      {doctor.running && !doctor.checks ? <LoadingState label="Running the checks…" /> : null}
      <ErrorNote error={doctor.error} />
      {doctor.fixMessage ? <p role="status">{doctor.fixMessage}</p> : null}
      {doctor.checks ? <DoctorChecks checks={doctor.checks} {...(doctor.fixing ? { busyCheck: doctor.fixing } : {})} onFix={(id) => void doctor.fix(id)} /> : null}
      <div className="host-buttons">
        <button type="button" disabled={doctor.running} onClick={() => void run()}>
          {doctor.running ? 'Checking…' : 'Run again'}
        </button>
        <button type="button" className={failing === 0 ? 'primary' : undefined} disabled={!doctor.checks || !composeOk} onClick={() => onContinue(failing === 0 ? 'Every check passes or only warns' : `${failing} check(s) failing`)}>
          {failing === 0 ? 'Continue' : `Continue with ${failing} failing`}
        </button>
        <button type="button" onClick={onBack}>
          Choose another folder
        </button>
      </div>
    </div>
  );
}

function UpStep({ client, path, onBack }: { client: Client; path: string; onBack(): void }) {
  const loadProjects = useApp((s) => s.loadProjects);
  const selectProject = useApp((s) => s.selectProject);
  const stackAction = useApp((s) => s.stackAction);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const openAndUp = async (): Promise<void> => {
    setOpening(true);
    setError(undefined);
    let projectId: string;
    try {
      ({ projectId } = await client.call('projects.open', { path }));
    } catch (failure) {
      setOpening(false);
      setError(toErrorInfo(failure));
      return;
    }
    // the project view takes over from here and shows Up's progress per service
    await loadProjects();
    selectProject(projectId);
    void stackAction('up');
  };
  return (
    <div>
      <p>Slipway opens the project and brings its services up in dependency order; the project view shows each one as it gets ready.</p>
      {opening ? <LoadingState label="Opening the project…" /> : null}
      <ErrorNote error={error} />
      <div className="host-buttons">
        <button type="button" className="primary" disabled={opening} onClick={() => void openAndUp()}>
          Open and Up
        </button>
        <button type="button" disabled={opening} onClick={onBack}>
          Back to the doctor
        </button>
      </div>
    </div>
  );
}
