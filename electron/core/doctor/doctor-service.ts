import type { DoctorReport } from '../../../shared/contract/host';
import type { Project } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import type { HostService } from '../hosts/host-service';
import { createEnvFromExample } from './env-example';
import { realDoctorDeps } from './real-deps';
import { runDoctor } from './run-doctor';
import type { DoctorCheck, DoctorDeps } from './types';

export interface DoctorTarget {
  /** Loads (or reloads) the project to check; absent: engine checks only. */
  loadProject?: () => Promise<Project>;
  /** The folder for .env checks when the project does not load. */
  projectDir?: string;
  /** The user named this project: a missing compose file fails. */
  requireProject?: boolean;
}

export interface FixResult {
  done: boolean;
  message: string;
  check?: DoctorCheck;
}

/** The doctor over the real machine, with its fixes. */
export class DoctorService {
  constructor(
    private readonly hosts: HostService,
    private readonly env: Record<string, string | undefined>,
    private readonly connect: DoctorDeps['connect'],
    private readonly makeDeps: (target: DoctorTarget) => DoctorDeps = (target) =>
      realDoctorDeps({
        connect: this.connect,
        env: this.env,
        ...(target.loadProject ? { loadProject: target.loadProject } : {}),
        ...(target.projectDir ? { projectDir: target.projectDir } : {}),
        ...(target.requireProject ? { requireProject: true } : {}),
      }),
  ) {}

  run(target: DoctorTarget): Promise<DoctorReport> {
    return runDoctor(this.makeDeps(target), this.env);
  }

  async fix(checkId: string, target: DoctorTarget, progress: (message: string) => void = () => undefined): Promise<FixResult> {
    const before = (await this.run(target)).checks.find((c) => c.id === checkId);
    if (!before) throw new SlipwayError('doctor_check_not_found', `No doctor check "${checkId}" here`, 'Run `slipway doctor` to see the check ids.');
    if (before.status === 'ok') return { done: true, message: `${before.title}: nothing to fix`, check: before };
    if (!before.fix) return { done: false, message: `${before.title}: no fix is known — ${before.message}`, check: before };
    if (before.fix.kind === 'command') return { done: false, message: `Slipway cannot fix this itself. Run: ${before.fix.command}`, check: before };
    const actionId = before.fix.actionId;
    let message: string;
    if (actionId === 'env.create-from-example') {
      const dir = await this.projectDir(target);
      const added = createEnvFromExample(dir, this.env);
      message = added.length > 0 ? `Wrote ${added.length} key(s) from .env.example to .env: ${added.join(', ')} — check their values` : '.env already has every key';
    } else if (actionId.startsWith('host.start:')) {
      const name = actionId.slice('host.start:'.length);
      await this.hosts.start(name, progress);
      message = `Started ${name}`;
    } else {
      throw new SlipwayError('doctor_unknown_action', `Unknown fix action ${actionId}`);
    }
    const after = (await this.run(target)).checks.find((c) => c.id === checkId);
    return { done: after?.status !== 'fail', message, ...(after ? { check: after } : {}) };
  }

  private async projectDir(target: DoctorTarget): Promise<string> {
    if (target.loadProject) {
      try {
        return (await target.loadProject()).workingDir;
      } catch {
        // fall through to the folder
      }
    }
    if (target.projectDir) return target.projectDir;
    throw new SlipwayError('doctor_no_project', 'No project folder to write .env in', 'Open the project first.');
  }
}
