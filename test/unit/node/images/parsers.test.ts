import { describe, expect, it } from 'vitest';
import { BuildProgressParser } from '../../../../electron/core/images/build-progress';
import { isAuthError, PushProgressParser } from '../../../../electron/core/images/push-progress';
import { parseImageRef } from '../../../../electron/core/images/image-names';
import { PullProgressParser } from '../../../../electron/core/images/pull-progress';

describe('the classic builder stream', () => {
  it('reads steps, cached steps, output split across messages, and the failing step', () => {
    const parser = new BuildProgressParser();
    const events = [
      { stream: 'Step 1/3 : FROM busybox:latest\n' },
      { stream: ' ---> 5929d3148f7b\n' },
      { stream: 'Step 2/3 : COPY . /app\n' },
      { stream: ' ---> Using cache\n' },
      { stream: ' ---> 28f48469ca4c\n' },
      { stream: 'Step 3/3 : RUN make\n' },
      { stream: ' ---> Running in 8c54ac2dc5a8\n' },
      { stream: 'compiling ' },
      { stream: 'things\nerror: boom\n' },
      { errorDetail: { code: 2, message: "The command '/bin/sh -c make' returned a non-zero code: 2" }, error: 'x' },
    ].flatMap((m) => parser.feed(m));
    expect(events.filter((e) => e.kind === 'step').map((e) => (e.kind === 'step' ? e.step : 0))).toEqual([1, 2, 3]);
    expect(events.filter((e) => e.kind === 'cached')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'output').map((e) => (e.kind === 'output' ? e.line : ''))).toEqual(['compiling things', 'error: boom']);
    expect(parser.cachedSteps).toBe(1);
    expect(parser.failure).toEqual({
      message: "The command '/bin/sh -c make' returned a non-zero code: 2",
      step: { step: 3, total: 3, instruction: 'RUN make' },
      output: ['compiling things', 'error: boom'],
    });
  });

  it('takes the image id from aux', () => {
    const parser = new BuildProgressParser();
    parser.feed({ aux: { ID: 'sha256:abc' } });
    parser.feed({ stream: 'Successfully built abc\n' });
    expect(parser.imageId).toBe('sha256:abc');
    expect(parser.failure).toBeUndefined();
  });
});

describe('the push stream', () => {
  it('reads layer progress and the digest', () => {
    const parser = new PushProgressParser();
    const events = [
      { status: 'The push refers to repository [127.0.0.1:5000/app]' },
      { status: 'Preparing', progressDetail: {}, id: 'a1' },
      { status: 'Pushing', progressDetail: { current: 512, total: 2048 }, id: 'a1' },
      { status: 'Pushed', progressDetail: {}, id: 'a1' },
      { status: 'latest: digest: sha256:d size: 527' },
      { progressDetail: {}, aux: { Tag: 'latest', Digest: 'sha256:d', Size: 527 } },
    ].flatMap((m) => parser.feed(m));
    expect(events).toContainEqual({ kind: 'layer', id: 'a1', status: 'Pushing', current: 512, total: 2048 });
    expect(events).toContainEqual({ kind: 'pushed', tag: 'latest', digest: 'sha256:d', size: 527 });
    expect(parser.digest).toBe('sha256:d');
  });

  it('knows a refused login when it sees one', () => {
    expect(isAuthError('unauthorized: authentication required')).toBe(true);
    expect(isAuthError('denied: requested access to the resource is denied')).toBe(true);
    expect(isAuthError('no basic auth credentials')).toBe(true);
    expect(isAuthError('connection refused')).toBe(false);
  });
});

describe('image names', () => {
  it('splits registry, repository and tag as Docker does', () => {
    expect(parseImageRef('127.0.0.1:5000/team/app:1.0')).toEqual({ registry: '127.0.0.1:5000', repository: '127.0.0.1:5000/team/app', tag: '1.0' });
    expect(parseImageRef('localhost/app')).toEqual({ registry: 'localhost', repository: 'localhost/app', tag: 'latest' });
    expect(parseImageRef('team/app')).toEqual({ registry: 'docker.io', repository: 'team/app', tag: 'latest' });
    expect(parseImageRef('app@sha256:abc').digest).toBe('sha256:abc');
    expect(() => parseImageRef('app:bad tag')).toThrow(/not a valid image name/);
  });
});

describe('the pull stream', () => {
  it('reads layers with their bytes, the image lines, up-to-date and the error', () => {
    const parser = new PullProgressParser();
    const events = [
      { status: 'Pulling from team/app', id: 'latest' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'a1' },
      { status: 'Downloading', progressDetail: { current: 512, total: 2048 }, progress: '[=>  ]', id: 'a1' },
      { status: 'Pull complete', progressDetail: {}, id: 'a1' },
      { status: 'Digest: sha256:abc' },
      { status: 'Status: Downloaded newer image for reg/team/app:latest' },
    ].flatMap((m) => parser.feed(m));
    expect(events).toEqual([
      { kind: 'status', message: 'Pulling from team/app' },
      { kind: 'layer', id: 'a1', status: 'Pulling fs layer' },
      { kind: 'layer', id: 'a1', status: 'Downloading', current: 512, total: 2048 },
      { kind: 'layer', id: 'a1', status: 'Pull complete' },
      { kind: 'status', message: 'Digest: sha256:abc' },
      { kind: 'status', message: 'Status: Downloaded newer image for reg/team/app:latest' },
    ]);
    expect(parser.upToDate).toBe(false);
    expect(parser.error).toBeUndefined();
    parser.feed({ status: 'Status: Image is up to date for reg/team/app:latest' });
    expect(parser.upToDate).toBe(true);
    parser.feed({ errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown' });
    expect(parser.error).toBe('manifest unknown');
  });
});
