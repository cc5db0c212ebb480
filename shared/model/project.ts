/**
 * The Project model: a Compose project after discovery, interpolation, merging,
 * extends/include, profiles and normalisation. Its shape is the canonical long form
 * that `docker compose config --format json` prints (snake_case keys), so that
 * `slipway config --json` is a plain print of it. Fields the engine does not act on
 * are kept as they are (index signatures) so nothing the user wrote is lost.
 */

export type DependsOnCondition =
  | 'service_started'
  | 'service_healthy'
  | 'service_completed_successfully';

export interface DependsOn {
  condition: DependsOnCondition;
  required: boolean;
  restart?: boolean;
}

export interface PortConfig {
  name?: string;
  /** The long syntax takes any text here (the schema does not restrict it); the engine judges it. */
  mode?: 'ingress' | 'host' | (string & {});
  host_ip?: string;
  target: number;
  /** A port or a range ("8080", "8080-8081"), as Compose prints it: a string. */
  published?: string;
  protocol?: 'tcp' | 'udp' | 'sctp' | (string & {});
  app_protocol?: string;
  [extension: `x-${string}`]: unknown;
}

export interface ServiceVolume {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  /** Absolute host path for binds, volume name (unprefixed) for volumes. */
  source?: string;
  target: string;
  read_only?: boolean;
  consistency?: string;
  bind?: { propagation?: string; create_host_path?: boolean; selinux?: 'z' | 'Z' };
  volume?: { nocopy?: boolean; subpath?: string };
  tmpfs?: { size?: number | string; mode?: number };
  [key: string]: unknown;
}

export interface Healthcheck {
  test?: string[];
  /** Go-style durations ("30s", "1m30s") as Compose prints them. */
  interval?: string;
  timeout?: string;
  start_period?: string;
  /** Parsed but ignored on engines older than 25 (a warning says so). */
  start_interval?: string;
  retries?: number;
  disable?: boolean;
}

export interface BuildConfig {
  /** Absolute path (or a URL for remote contexts). */
  context: string;
  dockerfile?: string;
  dockerfile_inline?: string;
  args?: Record<string, string | null>;
  target?: string;
  labels?: Record<string, string>;
  cache_from?: string[];
  network?: string;
  shm_size?: number | string;
  extra_hosts?: Record<string, string | string[]>;
  tags?: string[];
  platforms?: string[];
  /** Build secrets (BuildKit `RUN --mount=type=secret`). */
  secrets?: FileMount[];
  [key: string]: unknown;
}

export interface ServiceNetwork {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
  priority?: number;
  [key: string]: unknown;
}

export type WatchAction = 'sync' | 'rebuild' | 'restart' | 'sync+restart' | 'sync+exec';

export interface WatchRule {
  /** Absolute host path. */
  path: string;
  action: WatchAction;
  target?: string;
  ignore?: string[];
  include?: string[];
  initial_sync?: boolean;
  /** The spelling before `initial_sync`: honoured, with Compose's deprecation warning. */
  'x-initialSync'?: unknown;
  exec?: { command: string[]; user?: string; working_dir?: string; environment?: Record<string, string | null>; privileged?: boolean };
}

/** A secret or config mounted into a service (`{source}` is the short syntax). */
export interface FileMount {
  source: string;
  target?: string;
  uid?: string;
  gid?: string;
  /** The file mode as a number (0440 is 288); `config` prints it as compose-go does, "0440". */
  mode?: number;
}

export interface ServiceConfig {
  /** Secrets and configs mounted into the containers. */
  secrets?: FileMount[];
  configs?: FileMount[];
  /** Host devices (`/dev/x[:/dev/y[:rwm]]` in long form). */
  devices?: { source: string; target?: string; permissions?: string }[];
  image?: string;
  build?: BuildConfig;
  command?: string[] | null;
  entrypoint?: string[] | null;
  environment?: Record<string, string | null>;
  env_file?: { path: string; required: boolean; format?: string }[];
  depends_on?: Record<string, DependsOn>;
  links?: string[];
  external_links?: string[];
  volumes_from?: string[];
  network_mode?: string;
  networks?: Record<string, ServiceNetwork | null>;
  ports?: PortConfig[];
  expose?: string[];
  volumes?: ServiceVolume[];
  tmpfs?: string[];
  healthcheck?: Healthcheck;
  labels?: Record<string, string>;
  profiles?: string[];
  restart?: string;
  init?: boolean;
  tty?: boolean;
  stdin_open?: boolean;
  user?: string;
  working_dir?: string;
  hostname?: string;
  container_name?: string;
  stop_grace_period?: string;
  stop_signal?: string;
  extra_hosts?: Record<string, string | string[]>;
  logging?: { driver?: string; options?: Record<string, string | null> };
  develop?: { watch?: WatchRule[] };
  scale?: number;
  pull_policy?: string;
  platform?: string;
  privileged?: boolean;
  read_only?: boolean;
  cap_add?: string[];
  cap_drop?: string[];
  deploy?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface NetworkConfig {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
  internal?: boolean;
  attachable?: boolean;
  enable_ipv6?: boolean;
  ipam?: Record<string, unknown>;
  labels?: Record<string, string>;
  [key: string]: unknown;
}

export interface VolumeConfig {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
  labels?: Record<string, string>;
  [key: string]: unknown;
}

/** A top-level secret or config: where its content comes from. */
export interface FileObject {
  /** Compose's name for it (`<project>_<key>` unless `name:`). */
  name?: string;
  /** Absolute path of the file that holds it. */
  file?: string;
  /** The variable (of the project's environment) that holds it. */
  environment?: string;
  /** Inline content (configs only). */
  content?: string;
  external?: boolean;
  driver?: string;
  template_driver?: string;
  labels?: Record<string, string>;
  [key: string]: unknown;
}

/** `docker compose config --format json` output, plus what Slipway needs beside it. */
export interface ComposeModel {
  name: string;
  services: Record<string, ServiceConfig>;
  networks?: Record<string, NetworkConfig>;
  volumes?: Record<string, VolumeConfig>;
  secrets?: Record<string, FileObject>;
  configs?: Record<string, FileObject>;
  /** Top-level x-* extensions, e.g. the `x-slipway` block. */
  [extension: `x-${string}`]: unknown;
}

export interface Project {
  /** Normalised project name (lowercase, [a-z0-9_-], starting with a letter or digit). */
  name: string;
  /** Absolute project directory. */
  workingDir: string;
  /** Absolute paths of the compose files, in load order. */
  configFiles: string[];
  /**
   * Every file the project was read from, absolute: its compose files and those they
   * include or extend, `.env` and env files (also ones looked for and absent), the files
   * of secrets and configs. A change to one of them changes the project.
   */
  sourceFiles?: string[];
  /** Active profiles. */
  profiles: string[];
  /** The resolved model, as `docker compose config --format json` prints it (active services only). */
  model: ComposeModel;
  /** Services switched off by profiles (names only, with the profiles that would enable them). */
  disabledServices: Record<string, string[]>;
  /** Non-fatal findings (deprecated keys, ignored fields such as start_interval on old engines). */
  warnings: string[];
  /**
   * Services that set the same `container_name`, with the located message. Compose refuses
   * them only when both would be created (and in `config`), so the loader keeps them here.
   */
  containerNameConflicts?: ContainerNameConflict[];
  /**
   * The values of the variables that `environment:` secrets and configs name, read with the
   * project's environment (.env included). Kept out of `model`, so `config` never prints them.
   */
  fileObjectValues?: Record<string, string>;
}

export interface ContainerNameConflict {
  /** The service defined first, and the one that reuses its name. */
  services: [string, string];
  /** `compose.yaml:7:5: services.worker: container name "backend" is already used by service "api"`. */
  message: string;
}

/** Options that select and shape a project, as Compose's global flags and environment do. */
export interface ProjectOptions {
  /** Working directory for discovery; default process.cwd(). */
  cwd?: string;
  /** `-f`, repeatable; otherwise COMPOSE_FILE; otherwise discovery. */
  files?: string[];
  /** `-p`; otherwise COMPOSE_PROJECT_NAME, top-level name:, the folder. */
  projectName?: string;
  /** `--project-directory`. */
  projectDirectory?: string;
  /** `--profile`, repeatable; otherwise COMPOSE_PROFILES. */
  profiles?: string[];
  /**
   * Services named on the command line: each is enabled even when its profile is not
   * active, by activating its profiles (compose-go's WithServicesEnabled).
   */
  services?: string[];
  /** `--env-file`, repeatable; otherwise `.env` in the project directory. */
  envFiles?: string[];
  /** The process environment (default process.env); takes precedence over .env. */
  env?: Record<string, string | undefined>;
}
