import type { SlipwayClient } from '../../../shared/client';
import type { ServiceContainer } from '../../../shared/contract/stack';
import { isSlipwayError } from '../../../shared/errors';
import type { ProjectState, ServiceState } from '../../../shared/model/state';

/**
 * The services' current state: the state feed's snapshot, or — where the state room
 * is absent — the stack room's listing turned into the same shape. Throws a SlipwayError.
 */
export async function fetchSnapshot(client: SlipwayClient, projectId: string): Promise<ProjectState> {
  try {
    return await client.call('state.snapshot', { projectId });
  } catch (error) {
    if (!isSlipwayError(error) || error.code !== 'unknown_call') throw error;
  }
  const ps = await client.call('stack.ps', { projectId });
  return { projectId, engine: 'up', services: fromPs(ps) };
}

function fromPs(list: ServiceContainer[]): ServiceState[] {
  const byService = new Map<string, ServiceState>();
  for (const c of list) {
    if (c.orphan) continue;
    let s = byService.get(c.service);
    if (!s) {
      s = { service: c.service, state: psWord(c), containers: [], ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}) };
      byService.set(c.service, s);
    }
    s.containers.push({
      id: c.id,
      name: c.container,
      number: s.containers.length + 1,
      state: c.state,
      ...(c.health ? { health: c.health } : {}),
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      ports: c.ports,
      image: c.image,
    });
  }
  return [...byService.values()].sort((a, b) => a.service.localeCompare(b.service));
}

function psWord(c: ServiceContainer): ServiceState['state'] {
  if (c.state === 'running') return c.health === 'healthy' || c.health === 'unhealthy' || c.health === 'starting' ? c.health : 'running';
  if (c.state === 'restarting') return 'starting';
  if (c.state === 'created') return 'created';
  if (c.state === 'exited' || c.state === 'dead') return c.exitCode === 0 ? 'completed' : c.exitCode === 137 || c.exitCode === 143 ? 'stopped' : 'exited';
  return 'stopped';
}
