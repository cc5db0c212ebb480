import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../../../shared/model/state';
import { serviceStateOf } from '../../../../electron/core/state/container-record';

function c(extra: Partial<ContainerState>): ContainerState {
  return { id: 'x', name: 'p-web-1', number: 1, state: 'running', ports: [], image: 'busybox:latest', ...extra };
}

describe('the state word of a service', () => {
  it('reads running containers with and without health', () => {
    expect(serviceStateOf('web', [c({})]).state).toBe('running');
    expect(serviceStateOf('web', [c({ health: 'starting' })]).state).toBe('starting');
    expect(serviceStateOf('web', [c({ health: 'healthy' })]).state).toBe('healthy');
    expect(serviceStateOf('web', [c({ health: 'unhealthy' })]).state).toBe('unhealthy');
    expect(serviceStateOf('web', [c({ health: 'healthy' }), c({ number: 2, health: 'unhealthy' })]).state).toBe('unhealthy');
    expect(serviceStateOf('web', [c({ state: 'restarting', exitCode: 1 })]).state).toBe('starting');
  });

  it('tells completed, exited and stopped apart by exit code', () => {
    expect(serviceStateOf('job', [c({ state: 'exited', exitCode: 0 })])).toMatchObject({ state: 'completed', exitCode: 0 });
    expect(serviceStateOf('job', [c({ state: 'exited', exitCode: 2 })])).toMatchObject({ state: 'exited', exitCode: 2 });
    expect(serviceStateOf('web', [c({ state: 'exited', exitCode: 143 })])).toMatchObject({ state: 'stopped', exitCode: 143 });
    expect(serviceStateOf('web', [c({ state: 'exited', exitCode: 137 })]).state).toBe('stopped');
    expect(serviceStateOf('web', [c({ state: 'created' })]).state).toBe('created');
    expect(serviceStateOf('web', [c({ state: 'paused' })]).state).toBe('stopped');
  });

  it('orders containers by number', () => {
    const state = serviceStateOf('web', [c({ id: 'b', number: 2 }), c({ id: 'a', number: 1 })]);
    expect(state.containers.map((x) => x.id)).toEqual(['a', 'b']);
  });
});

describe('the state word of each replica', () => {
  it('gives every container its own word beside the service’s', () => {
    const state = serviceStateOf('web', [c({ number: 3, state: 'exited', exitCode: 1 }), c({ number: 1, health: 'healthy' }), c({ number: 2, state: 'exited', exitCode: 143 })]);
    expect(state.state).toBe('healthy');
    expect(state.containers.map((x) => [x.number, x.word])).toEqual([[1, 'healthy'], [2, 'stopped'], [3, 'exited']]);
  });
});
