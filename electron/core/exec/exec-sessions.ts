import { randomUUID } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type Docker from 'dockerode';
import { SlipwayError, type ErrorInfo } from '../../../shared/errors';
import { explainUnreachable } from '../docker/unreachable';
import { startExec, type ExecOptions, type ExecProcess } from './exec-process';

export type ExecEncoding = 'utf8' | 'base64';

export interface ExecSessionsOptions {
  docker: () => Docker;
  /** The engine's address, for errors that say which engine could not be reached. */
  host?: () => { url: string; source: string };
  onOutput: (event: { sessionId: string; data: string; stream?: 'stdout' | 'stderr' }) => void;
  onExit: (event: { sessionId: string; exitCode: number; error?: ErrorInfo }) => void;
}

interface Session {
  process: ExecProcess;
  clientId: string;
  encoding: ExecEncoding;
}

/** exec for the contract: sessions by id, output and exit as events (the dashboard terminal). */
export class ExecSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly options: ExecSessionsOptions) {}

  async start(input: ExecOptions, clientId: string, encoding: ExecEncoding = 'utf8'): Promise<string> {
    const host = this.options.host;
    const process = await startExec(this.options.docker(), input).catch((error: unknown) => {
      throw explainUnreachable(error, host?.());
    });
    return this.adopt(process, input.tty, clientId, encoding);
  }

  /** A session for a process started elsewhere (a one-off container attached by `run`). */
  adopt(process: ExecProcess, tty: boolean, clientId: string, encoding: ExecEncoding = 'utf8'): string {
    const sessionId = randomUUID();
    this.sessions.set(sessionId, { process, clientId, encoding });
    const forward = (stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr') => {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => {
        const data = encoding === 'base64' ? chunk.toString('base64') : decoder.write(chunk);
        if (data !== '') this.options.onOutput(tty ? { sessionId, data } : { sessionId, data, stream: name });
      });
      // A broken output stream ends with the exec itself (exitCode below); it must not throw.
      stream.on('error', () => undefined);
    };
    forward(process.stdout, 'stdout');
    forward(process.stderr, 'stderr');
    void process.exitCode.then((exitCode) => {
      this.sessions.delete(sessionId);
      // Let the last output events go out first.
      setImmediate(() => this.options.onExit(exitCode === undefined ? { sessionId, exitCode: 1, error: this.engineGone() } : { sessionId, exitCode }));
    });
    return sessionId;
  }

  /** Bytes for stdin (in the session's encoding); `end` closes stdin after them. */
  input(sessionId: string, data: string, end = false): void {
    const session = this.session(sessionId);
    if (data !== '') session.process.write(session.encoding === 'base64' ? Buffer.from(data, 'base64') : data);
    if (end) session.process.endInput();
  }

  async resize(sessionId: string, cols: number, rows: number): Promise<void> {
    await this.session(sessionId).process.resize(cols, rows);
  }

  kill(sessionId: string): void {
    this.sessions.get(sessionId)?.process.kill();
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.process.kill();
    this.sessions.clear();
  }

  /** Why a session ended without its command's exit code: the engine stopped answering. */
  private engineGone(): ErrorInfo {
    const url = this.options.host?.().url;
    return {
      code: 'engine_unreachable',
      message: `the session ended: the Docker engine${url ? ` at ${url}` : ''} went away, so the command's exit code is unknown`,
      hint: 'Start Docker again, then run the command again.',
    };
  }

  private session(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new SlipwayError('no_exec_session', `No exec session ${sessionId} (it may have ended)`, 'Start a new one with exec.start.');
    return session;
  }
}
