import type { ErrorInfo } from '../../../shared/errors';
import type { ProjectDetail, ProjectSummary } from '../../../shared/contract/projects';
import type { RecentProject } from '../../../shared/contract/settings';
import type { SlipwayClient } from '../../../shared/client';
import type { DesktopFeatures } from '../../../shared/desktop-bridge';
import type { ServiceState } from './service-state';

export type { ErrorInfo, ProjectDetail, ProjectSummary, ServiceState };

export type StackAction = 'up' | 'down' | 'restart';
export type ServiceAction = 'start' | 'stop' | 'restart';

export interface HostStatus {
  /** The engine as the state feed reports it; unknown until the first answer. */
  status: 'unknown' | 'up' | 'down' | 'connecting';
  message?: string;
}

export interface ProjectSlice {
  projects: ProjectSummary[];
  projectsLoaded: boolean;
  projectsError?: ErrorInfo;
  currentId?: string;
  opening: boolean;
  openError?: ErrorInfo;
  /** Recently opened projects, newest first: the one list in settings, kept by the core. */
  recent: RecentProject[];
  /** The open project's resolved model (images, ports) and dependencies. */
  detail?: ProjectDetail;
  loadProjects(): Promise<void>;
  loadRecent(): Promise<void>;
  loadDetail(): Promise<void>;
  openProject(path: string): Promise<boolean>;
  selectProject(projectId: string | undefined): void;
}

export interface ServicesSlice {
  services: Record<string, ServiceState>;
  servicesLoaded: boolean;
  servicesError?: ErrorInfo;
  host: HostStatus;
  stackBusy?: StackAction;
  stackError?: ErrorInfo;
  serviceBusy: Record<string, ServiceAction>;
  serviceErrors: Record<string, ErrorInfo>;
  refreshServices(): Promise<void>;
  stackAction(action: StackAction): Promise<void>;
  /** Start/stop/restart a service, or with `index` one replica of it (busy and errors kept under `service-index`). */
  serviceAction(service: string, action: ServiceAction, index?: number): Promise<void>;
  applyServices(services: ServiceState[]): void;
  applyService(service: ServiceState): void;
  setHost(host: HostStatus): void;
}

export interface UiSlice {
  paletteOpen: boolean;
  terminalService?: string;
  /** Which replica the shell is in (container number; absent = the first). */
  terminalIndex?: number;
  /** The service whose logs are shown alone; undefined = merged. */
  logService?: string;
  setPaletteOpen(open: boolean): void;
  openTerminal(service: string | undefined, index?: number): void;
  showLogs(service: string | undefined): void;
}

export type AppState = ProjectSlice &
  ServicesSlice &
  UiSlice & {
    client: SlipwayClient;
    /** The Electron window's native extras (a folder picker); absent in a browser. */
    desktop?: DesktopFeatures;
  };
