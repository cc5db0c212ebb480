import { z } from 'zod';
import { defineCall, defineTask } from './define';

const ErrorInfo = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() });

export const HostStateSchema = z.enum(['running', 'stopped', 'starting', 'stopping', 'error', 'unknown']);
export type HostState = z.infer<typeof HostStateSchema>;

/** The host the core uses now, and whether (and what) answers there. */
export const HostStatus = z.object({
  host: z.object({
    url: z.string(),
    source: z.string(),
    tls: z.boolean(),
    context: z.string().optional(),
  }),
  reachable: z.boolean(),
  engine: z
    .object({
      version: z.string(),
      apiVersion: z.string(),
      os: z.string(),
      arch: z.string(),
      name: z.string().optional(),
      cpus: z.number().optional(),
      memoryBytes: z.number().optional(),
      operatingSystem: z.string().optional(),
      dataRoot: z.string().optional(),
    })
    .optional(),
  /** Until the engine first answered, dialling included (ssh or TLS handshake). */
  latencyMs: z.number().optional(),
  /** One round trip to the engine on the open connection: what each further call costs. */
  rttMs: z.number().nonnegative().optional(),
  error: ErrorInfo.optional(),
  /** The VM/service that provides this host, when one of the providers does. */
  provider: z.object({ name: z.string(), title: z.string(), canStart: z.boolean(), canStop: z.boolean() }).optional(),
});
export type HostStatus = z.infer<typeof HostStatus>;

export const HostCandidate = z.object({
  name: z.string(),
  kind: z.enum(['provider', 'context', 'env', 'socket']),
  title: z.string(),
  url: z.string().optional(),
  state: HostStateSchema,
  current: z.boolean(),
  canStart: z.boolean(),
  canStop: z.boolean(),
  startCommand: z.string().optional(),
  stopCommand: z.string().optional(),
  detail: z.string().optional(),
  cpus: z.number().optional(),
  memoryBytes: z.number().optional(),
});
export type HostCandidate = z.infer<typeof HostCandidate>;

export const CheckFix = z.union([
  z.object({ kind: z.literal('command'), command: z.string(), label: z.string().optional() }),
  z.object({ kind: z.literal('action'), actionId: z.string(), label: z.string(), command: z.string().optional() }),
]);
/** A fix: a command for the user to run, or an action Slipway can do itself (doctor.fix). */
export type CheckFix = z.infer<typeof CheckFix>;

export const DoctorCheckSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['ok', 'warn', 'fail']),
  message: z.string(),
  fix: CheckFix.optional(),
});
export type DoctorCheckInfo = z.infer<typeof DoctorCheckSchema>;

export const DoctorReport = z.object({
  checks: z.array(DoctorCheckSchema),
  summary: z.object({ ok: z.number(), warn: z.number(), fail: z.number() }),
});
export type DoctorReport = z.infer<typeof DoctorReport>;

const HostName = z.object({ name: z.string().min(1).max(500) });

const DoctorTargetInput = z.object({
  projectId: z.string().optional(),
  /** A project folder (or compose file) to check without opening it. */
  path: z.string().min(1).max(4096).optional(),
  /** How to load the project at `path`, as Compose's global flags say (`-f`, `-p`, `--profile`…). */
  files: z.array(z.string().max(4096)).max(50).optional(),
  projectName: z.string().max(200).optional(),
  projectDirectory: z.string().min(1).max(4096).optional(),
  profiles: z.array(z.string().max(200)).max(50).optional(),
  envFiles: z.array(z.string().max(4096)).max(50).optional(),
  /** Whether a missing compose file at `path` fails (default true); false checks the host alone then (`slipway doctor`). */
  requireProject: z.boolean().optional(),
});

export const hostCalls = {
  /** `withProvider: false` skips asking the VM/service providers (faster; no `provider` in the answer). */
  'host.status': defineCall({ input: z.object({ withProvider: z.boolean().optional() }), output: HostStatus }),
  'host.list': defineCall({ input: z.object({}), output: z.array(HostCandidate) }),
  /** Starts a VM/service (Colima, Docker Desktop, systemd docker…): a task; its result is the HostStatus. */
  'host.start': defineTask({ input: HostName, result: HostStatus }),
  'host.stop': defineTask({ input: HostName, result: HostStatus }),
  /** Uses another host from now on: a candidate's name from host.list, or a URL (unix://, tcp://, ssh://). */
  'host.switch': defineCall({ input: HostName, output: HostStatus }),
  /** Checks the engine, and a project: an open one (projectId) or a folder not opened yet (path, as first run does). */
  'doctor.run': defineCall({ input: DoctorTargetInput, output: DoctorReport }),
  /** Applies a check's fix action (create .env from .env.example, start the engine's VM). */
  'doctor.fix': defineCall({
    input: DoctorTargetInput.extend({ checkId: z.string().min(1) }),
    output: z.object({ done: z.boolean(), message: z.string(), check: DoctorCheckSchema.optional() }),
  }),
};

export const hostEvents = {
  /** The core now talks to another host, or the host's state changed (started, stopped). */
  'host.changed': HostStatus,
};
