import type Docker from 'dockerode';
import type { LogLine } from '../../../shared/contract/logs';
import { LogDemuxer, streamName, type StreamCode } from './log-demux';
import { parseDockerTimestamp } from './timestamps';
import { rawGet, type BodyStream } from './raw-log-stream';

export interface ReadOptions {
  follow: boolean;
  /** Lines from the end (Docker's `tail`). */
  tail?: number;
  /** Docker's `since`: seconds with an optional nanosecond fraction. */
  since?: string;
  /** Drop lines stamped at or before this timestamp text (overlap after a re-attach). */
  after?: string;
  /** Ask the engine for timestamps (default true); without them lines carry the time they were read. */
  timestamps?: boolean;
}

export interface ReaderTarget {
  id: string;
  /** The prefix its lines carry: the service name (or service-N for scaled services). */
  label: string;
  tty: boolean;
}


/**
 * One container's log stream from the engine: timestamps on, demultiplexed (or raw for
 * a TTY), parsed into LogLine objects handed over a chunk at a time.
 */
export class ContainerLogReader {
  private stream: BodyStream | undefined;
  private demuxer: LogDemuxer;
  private chunkLines: LogLine[] = [];
  private after: string | undefined;
  private lastLine: string | undefined;
  private stopped = false;
  private stamped = true;
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(
    readonly target: ReaderTarget,
    private readonly onLines: (reader: ContainerLogReader, lines: LogLine[]) => void,
  ) {
    this.demuxer = new LogDemuxer(target.tty, (code, raw) => this.take(code, raw));
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /** The timestamp text of the last line read, to continue from after a re-attach. */
  get lastTimestamp(): string | undefined {
    if (this.lastLine === undefined) return undefined;
    const space = this.lastLine.indexOf(' ');
    return space > 0 ? this.lastLine.slice(0, space) : undefined;
  }

  async open(docker: Docker, options: ReadOptions): Promise<void> {
    this.after = options.after;
    this.stamped = options.timestamps !== false;
    const query: Record<string, unknown> = { follow: options.follow, stdout: true, stderr: true, timestamps: this.stamped };
    if (options.tail !== undefined) query.tail = options.tail;
    if (options.since !== undefined) query.since = options.since;
    let stream: BodyStream;
    try {
      stream = await (rawGet(docker, `/containers/${this.target.id}/logs`, query as Record<string, string | number | boolean>) ??
        new Promise<BodyStream>((resolve, reject) => {
          docker.modem.dial(
            { path: `/containers/${this.target.id}/logs?`, method: 'GET', isStream: true, statusCodes: { 200: true, 404: 'no such container', 500: 'server error' }, options: query },
            (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as BodyStream)),
          );
        }));
    } catch (error) {
      this.finish();
      throw error;
    }
    if (this.stopped) {
      stream.destroy();
      this.finish();
      return;
    }
    this.stream = stream;
    stream.on('data', (chunk: Buffer) => {
      this.demuxer.push(chunk);
      this.deliver();
    });
    stream.on('end', () => this.finish());
    stream.on('close', () => this.finish());
    stream.on('error', () => this.finish());
  }

  /** True when stop() ended it (not the engine). */
  get stoppedByUs(): boolean {
    return this.stopped;
  }

  pause(): void {
    this.stream?.pause();
  }

  resume(): void {
    this.stream?.resume();
  }

  stop(): void {
    this.stopped = true;
    const stream = this.stream;
    this.stream = undefined;
    stream?.destroy();
    this.finish();
  }

  private take(code: StreamCode, raw: string): void {
    if (!this.stamped) {
      this.chunkLines.push({ service: this.target.label, stream: streamName(code), text: raw, ts: Date.now() });
      return;
    }
    const space = raw.indexOf(' ');
    let ts = space > 0 ? parseDockerTimestamp(raw, space) : NaN;
    let text: string;
    if (Number.isNaN(ts)) {
      ts = Date.now();
      text = raw;
    } else {
      if (this.after !== undefined) {
        if (raw.slice(0, space) <= this.after) return;
        this.after = undefined;
      }
      this.lastLine = raw;
      text = raw.slice(space + 1);
    }
    this.chunkLines.push({ service: this.target.label, stream: streamName(code), text, ts });
  }

  private deliver(): void {
    if (this.chunkLines.length === 0) return;
    const lines = this.chunkLines;
    this.chunkLines = [];
    this.onLines(this, lines);
  }

  private finished = false;
  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.demuxer.end();
    this.deliver();
    this.resolveDone();
  }
}

