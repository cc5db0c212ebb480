import type { DoctorReport } from '../../../shared/contract/host';
import type { DoctorCheck, DoctorDeps } from './types';
import { clockCheck, diskCheck, engineReachableCheck, probeEngine, socketPermissionCheck } from './engine-checks';
import { composeCheck, envCheck, imagesCheck, inotifyCheck, loadForDoctor, portsCheck } from './project-checks';
import { sharesCheck } from './shares-check';

/** Runs every check; none throws, so with no engine at all the report still says what to do. */
export async function runDoctor(deps: DoctorDeps, env: Record<string, string | undefined>): Promise<DoctorReport> {
  const [probe, load] = await Promise.all([probeEngine(deps), loadForDoctor(deps)]);
  const checks: (DoctorCheck | undefined)[] = [
    await engineReachableCheck(deps, probe),
    socketPermissionCheck(deps, probe),
    diskCheck(deps, probe),
    clockCheck(deps, probe),
  ];
  if (load || deps.projectDir) {
    checks.push(composeCheck(load, deps.requireProject === true), envCheck(deps, load, env), await portsCheck(deps, load, probe), await imagesCheck(load, probe), inotifyCheck(deps, load), await sharesCheck(load, probe));
  }
  const list = checks.filter((c): c is DoctorCheck => c !== undefined);
  return {
    checks: list,
    summary: {
      ok: list.filter((c) => c.status === 'ok').length,
      warn: list.filter((c) => c.status === 'warn').length,
      fail: list.filter((c) => c.status === 'fail').length,
    },
  };
}
