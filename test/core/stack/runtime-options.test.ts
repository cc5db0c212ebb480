import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { tempProject } from './stack-fixtures';
import { testDocker, testEnv } from '../../support/engine';

/** Resources and runtime keys reach the container as Compose's create sends them (pkg/compose/create.go). */
describe('service resources and runtime settings on the real engine', () => {
  const temp = tempProject('runtime');
  afterEach(() => temp.cleanup());

  it('limits, ulimits, shm_size, sysctls, DNS, devices and security options are set on the container and hold inside it', async () => {
    const cwd = await temp.create(`services:
  limited:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    mem_limit: 64m
    mem_reservation: 32m
    cpus: 0.5
    cpu_shares: 512
    pids_limit: 50
    shm_size: 16m
    ulimits:
      nofile: { soft: 1024, hard: 2048 }
      nproc: 300
    sysctls:
      net.core.somaxconn: "511"
    dns: [127.0.0.53]
    dns_search: [example.test]
    dns_opt: [ndots:2]
    devices: ["/dev/null:/dev/mynull:r"]
    security_opt: [no-new-privileges:true]
    group_add: ["1234"]
    domainname: example.test
    oom_score_adj: 100
  deployed:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    deploy:
      resources:
        limits: { memory: 48m, cpus: "0.25", pids: 40 }
        reservations: { memory: 16m }
`);
    const up = await runCliCaptured({ argv: ['-p', temp.name, 'up', '-d', '--wait'], env: testEnv(), cwd });
    expect(up.err).not.toContain('slipway:');
    expect(up.code).toBe(0);
    const docker = testDocker();
    const limited = await docker.getContainer(`${temp.name}-limited-1`).inspect();
    const host = limited.HostConfig;
    expect(host.Memory).toBe(64 * 1024 ** 2);
    expect(host.MemoryReservation).toBe(32 * 1024 ** 2);
    expect(host.NanoCpus).toBe(500_000_000);
    expect(host.CpuShares).toBe(512);
    expect(host.PidsLimit).toBe(50);
    expect(host.ShmSize).toBe(16 * 1024 ** 2);
    expect(host.Ulimits).toEqual(expect.arrayContaining([{ Name: 'nofile', Soft: 1024, Hard: 2048 }, { Name: 'nproc', Soft: 300, Hard: 300 }]));
    expect(host.Sysctls).toEqual({ 'net.core.somaxconn': '511' });
    expect(host.Dns).toEqual(['127.0.0.53']);
    expect(host.DnsSearch).toEqual(['example.test']);
    expect(host.DnsOptions).toEqual(['ndots:2']);
    expect(host.Devices).toEqual([{ PathOnHost: '/dev/null', PathInContainer: '/dev/mynull', CgroupPermissions: 'r' }]);
    expect(host.SecurityOpt).toEqual(['no-new-privileges:true']);
    expect(host.GroupAdd).toEqual(['1234']);
    expect(host.OomScoreAdj).toBe(100);
    expect(limited.Config.Domainname).toBe('example.test');

    // Inside the container: the limits hold.
    const inside = async (script: string) => {
      const run = await runCliCaptured({ argv: ['-p', temp.name, 'exec', '-T', 'limited', 'sh', '-c', script], env: testEnv(), cwd });
      expect(run.err).toBe('');
      return run.out.trim();
    };
    expect(await inside('ulimit -n')).toBe('1024');
    expect(await inside('cat /proc/sys/net/core/somaxconn')).toBe('511');
    expect(await inside('df -k /dev/shm | tail -1 | awk \'{print $2}\'')).toBe(String(16 * 1024));
    expect(await inside('test -c /dev/mynull && echo device')).toBe('device');

    const deployed = (await docker.getContainer(`${temp.name}-deployed-1`).inspect()).HostConfig;
    expect(deployed.Memory).toBe(48 * 1024 ** 2);
    expect(deployed.NanoCpus).toBe(250_000_000);
    expect(deployed.PidsLimit).toBe(40);
    expect(deployed.MemoryReservation).toBe(16 * 1024 ** 2);
  });

  it('a bad value is refused naming the service and key, and nothing is created', async () => {
    const cwd = await temp.create(`services:
  web:
    image: busybox:latest
    command: ["sleep", "3600"]
    security_opt: [nonsense]
`);
    const up = await runCliCaptured({ argv: ['-p', temp.name, 'up', '-d'], env: testEnv(), cwd });
    expect(up.code).toBe(1);
    expect(up.err).toContain('services.web.security_opt: invalid security-opt "nonsense"');
    expect(up.err).not.toMatch(/\n\s+at /);
  });
});
