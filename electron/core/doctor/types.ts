import type { Project } from '../../../shared/model/project';
import type { DockerConnection } from '../docker/connect';
import type { PingResult } from '../docker/ping-host';
import type { HostInstance } from '../docker/providers/types';

export type { CheckFix, DoctorCheckInfo as DoctorCheck } from '../../../shared/contract/host';

export interface DoctorThresholds {
  diskFailBytes: number;
  diskWarnBytes: number;
  clockWarnMs: number;
  clockFailMs: number;
  /** Share of max_user_watches above which the inotify check warns. */
  inotifyWarnRatio: number;
}

export const DEFAULT_THRESHOLDS: DoctorThresholds = {
  diskFailBytes: 1024 ** 3,
  diskWarnBytes: 5 * 1024 ** 3,
  clockWarnMs: 5_000,
  clockFailMs: 60_000,
  inotifyWarnRatio: 0.8,
};

/** Everything the checks touch, so each can be made to pass and to fail in tests. */
export interface DoctorDeps {
  /** The engine connection; may throw (a DOCKER_HOST that does not parse, a missing context). */
  connect(): DockerConnection;
  ping(connection: DockerConnection): Promise<PingResult>;
  /** Absent: no project checks (the app has no project open). */
  loadProject?: () => Promise<Project>;
  /** Where .env and .env.example are looked for when the project does not load. */
  projectDir?: string;
  /** The user named the project: no compose file there is a failure, not a note. */
  requireProject?: boolean;
  platform: NodeJS.Platform;
  now(): number;
  socketAccess(socket: string): 'ok' | 'denied' | 'missing';
  statfs(dir: string): { freeBytes: number; totalBytes: number } | undefined;
  inotifyLimit(): number | undefined;
  /** Counts files and folders under dir, stopping after `max`. */
  countFiles(dir: string, max: number): number;
  portFree(port: number, hostIp: string, protocol: 'tcp' | 'udp'): Promise<boolean>;
  hostInstances(): Promise<HostInstance[]>;
  thresholds: DoctorThresholds;
}
