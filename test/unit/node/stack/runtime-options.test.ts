import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Project, ServiceConfig } from '../../../../shared/model/project';
import { runtimeOptions } from '../../../../electron/core/stack/runtime-options';

const dir = mkdtempSync(path.join(os.tmpdir(), 'slipway-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function project(config: ServiceConfig): Project {
  return { name: 'demo', workingDir: dir, configFiles: [path.join(dir, 'compose.yaml')], profiles: [], model: { name: 'demo', services: { web: config } }, disabledServices: {}, warnings: [] };
}
const hostOf = (config: ServiceConfig) => runtimeOptions(project(config), 'web', config).host;

describe('resources and runtime keys, as Compose maps them (create.go getDeployResources, parseSecurityOpts)', () => {
  it('deploy.resources limits override mem_limit and cpus; reservations set the memory reservation', () => {
    const host = hostOf({ mem_limit: '1073741824', cpus: 2, deploy: { resources: { limits: { memory: '52428800', cpus: 0.5, pids: 30 }, reservations: { memory: '10485760' } } } });
    expect(host).toMatchObject({ Memory: 52428800, NanoCpus: 500_000_000, PidsLimit: 30, MemoryReservation: 10485760 });
  });

  it('devices map paths, a CDI name is requested by name, gpus ask for the gpu capability', () => {
    const host = hostOf({ devices: [{ source: '/dev/fuse', target: '/dev/fuse', permissions: 'rwm' }, { source: 'vendor.com/gpu=all', target: 'vendor.com/gpu=all' }], gpus: [{ driver: 'nvidia', count: 'all' }] });
    expect(host.Devices).toEqual([{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }]);
    expect(host.DeviceRequests).toEqual([{ Driver: 'cdi', DeviceIDs: ['vendor.com/gpu=all'] }, { Driver: 'nvidia', Count: -1, Capabilities: [['gpu']] }]);
  });

  it('blkio rates with units, ulimits single or soft/hard, swappiness 0 left to the engine', () => {
    const host = hostOf({ blkio_config: { weight: 300, device_read_bps: [{ path: '/dev/sda', rate: '12mb' }] }, ulimits: { nproc: 65535, nofile: { soft: 20000, hard: 40000 } }, mem_swappiness: '0' });
    expect(host.BlkioWeight).toBe(300);
    expect(host.BlkioDeviceReadBps).toEqual([{ Path: '/dev/sda', Rate: 12 * 1024 ** 2 }]);
    expect(host.Ulimits).toEqual([{ Name: 'nproc', Soft: 65535, Hard: 65535 }, { Name: 'nofile', Soft: 20000, Hard: 40000 }]);
    expect(host.MemorySwappiness).toBeUndefined();
  });

  it('security_opt: a seccomp profile is sent as compact JSON, systempaths=unconfined unmasks /proc and /sys', () => {
    writeFileSync(path.join(dir, 'profile.json'), '{\n  "defaultAction": "SCMP_ACT_ALLOW"\n}\n');
    const host = hostOf({ security_opt: ['seccomp=profile.json', 'systempaths=unconfined', 'label:disable'] });
    expect(host.SecurityOpt).toEqual(['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}', 'label:disable']);
    expect(host.MaskedPaths).toEqual([]);
    expect(host.ReadonlyPaths).toEqual([]);
  });

  it('a value that cannot be used names the service and key, with what to do', () => {
    expect(() => hostOf({ security_opt: ['seccomp=missing.json'] })).toThrow(/services\.web\.security_opt: cannot read the seccomp profile .*missing\.json/);
    expect(() => hostOf({ blkio_config: { device_read_bps: [{ path: '/dev/sda', rate: 'fast' }] } })).toThrow(/services\.web\.blkio_config\.device_read_bps\.0\.rate: invalid rate "fast"/);
    expect(() => hostOf({ ulimits: { nofile: { soft: 'many', hard: 2 } } })).toThrow(/services\.web\.ulimits\.nofile/);
  });

  it('a service without these keys sets nothing', () => {
    expect(runtimeOptions(project({ image: 'busybox' }), 'web', { image: 'busybox' })).toEqual({ host: {}, container: {} });
  });
});
