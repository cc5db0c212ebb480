import { describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { builderFromPing } from '../../../../electron/core/images/builder-choice';
import { BuildKitProgress, KEEP_STEP_OUTPUT } from '../../../../electron/core/images/buildkit/buildkit-progress';
import { STATUS_PROTO } from '../../../../electron/core/images/buildkit/proto/status-proto';
import { decodeStatus } from '../../../../electron/core/images/buildkit/status-decode';

const at = (seconds: number, nanos = 0) => ({ seconds, nanos });

/** A StatusResponse as the engine sends it: protobuf, base64. */
function encoded(message: Record<string, unknown>): string {
  const type = protobuf.parse(STATUS_PROTO, { keepCase: true }).root.lookupType('moby.buildkit.v1.StatusResponse');
  return Buffer.from(type.encode(type.fromObject(message)).finish()).toString('base64');
}

describe("BuildKit's status stream", () => {
  it('decodes a trace and folds it into steps as docker prints them: start, output, DONE with time, CACHED', () => {
    const progress = new BuildKitProgress();
    const started = progress.feed(decodeStatus(encoded({ vertexes: [{ digest: 'sha256:a', name: '[1/2] FROM busybox' }, { digest: 'sha256:b', name: '[2/2] RUN make', started: at(100) }] })));
    expect(started).toEqual([{ kind: 'vertex', vertex: 2, name: '[2/2] RUN make', state: 'running' }]);
    const output = progress.feed(decodeStatus(encoded({ logs: [{ vertex: 'sha256:b', msg: Buffer.from('compiling\nlinki'), timestamp: at(100) }, { vertex: 'sha256:b', msg: Buffer.from('ng\n') }] })));
    expect(output).toEqual([
      { kind: 'vertex-output', vertex: 2, line: 'compiling' },
      { kind: 'vertex-output', vertex: 2, line: 'linking' },
    ]);
    const done = progress.feed(decodeStatus(encoded({ vertexes: [{ digest: 'sha256:b', name: '[2/2] RUN make', started: at(100), completed: at(101, 500_000_000) }, { digest: 'sha256:a', name: '[1/2] FROM busybox', cached: true, started: at(100), completed: at(100) }] })));
    expect(done).toEqual([
      { kind: 'vertex', vertex: 2, name: '[2/2] RUN make', state: 'done', seconds: 1.5 },
      { kind: 'vertex', vertex: 1, name: '[1/2] FROM busybox', state: 'running' },
      { kind: 'vertex', vertex: 1, name: '[1/2] FROM busybox', state: 'cached' },
    ]);
    expect(progress.steps()).toEqual({ total: 2, cached: 1 });
  });

  it('keeps the failing step and only its last lines', () => {
    const progress = new BuildKitProgress();
    const lines = Array.from({ length: 50 }, (_, i) => `line${i + 1}`).join('\n');
    progress.feed({ vertexes: [{ digest: 'd', name: '[2/2] RUN test', started: at(1) }], statuses: [], logs: [{ vertex: 'd', msg: Buffer.from(`${lines}\n`) }] });
    const failed = progress.feed({ vertexes: [{ digest: 'd', name: '[2/2] RUN test', started: at(1), completed: at(2), error: 'exit code: 1' }], statuses: [], logs: [] });
    expect(failed).toEqual([{ kind: 'vertex', vertex: 1, name: '[2/2] RUN test', state: 'error', error: 'exit code: 1' }]);
    const failure = progress.failure();
    expect(failure.step).toBe('#1 [2/2] RUN test');
    expect(failure.output).toHaveLength(KEEP_STEP_OUTPUT);
    expect(failure.output.at(-1)).toBe('line50');
    expect(failure.output[0]).toBe(`line${50 - KEEP_STEP_OUTPUT + 1}`);
  });
});

describe('which builder runs', () => {
  it('BuildKit unless the engine says Builder-Version 1 or runs Windows', () => {
    expect(builderFromPing({ 'builder-version': '2' })).toEqual({ builder: 'buildkit' });
    expect(builderFromPing({})).toEqual({ builder: 'buildkit' });
    expect(builderFromPing({ 'builder-version': '1' }).builder).toBe('classic');
    expect(builderFromPing({ ostype: 'windows' }).builder).toBe('classic');
  });
});
