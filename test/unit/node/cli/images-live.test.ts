import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { imagesSinkPrinter } from '../../../../electron/cli/images-live';
import { LiveProgress } from '../../../../electron/cli/live-progress';
import type { TaskProgress } from '../../../../shared/contract/tasks';

function live() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  const sink = new LiveProgress(stream, { operation: 'Pulling', color: false, now: () => 0, tick: false });
  const print = imagesSinkPrinter(sink);
  const feed = (p: Omit<TaskProgress, 'taskId' | 'kind'>) => print({ taskId: 't1', kind: 'images.pull', ...p });
  // The frame's lines without the padding between status and time.
  const frame = () => sink.frame().map((line) => line.replace(/\s+0\.0s$/, '').trimEnd());
  return { sink, feed, frame };
}

describe('pull and build progress in place (Compose’s TTY display)', () => {
  it('draws a line per service and per layer with its bytes, each rewritten as it changes', () => {
    const { feed, frame } = live();
    feed({ subject: 'web', message: 'Pulling registry.example/web:1' });
    feed({ subject: 'web/0a1b2c3d', message: 'Downloading', current: 1024 * 1024, total: 4 * 1024 * 1024 });
    feed({ subject: 'web/9f8e7d6c', message: 'Already exists' });
    expect(frame()).toEqual([
      '[+] Pulling 1/3',
      ' ⠋ Service web Pulling registry.example/web:1',
      ' ⠋   0a1b2c3d  Downloading 1.05MB/4.19MB',
      ' ✔   9f8e7d6c  Already exists',
    ]);
    feed({ subject: 'web/0a1b2c3d', message: 'Pull complete' });
    feed({ subject: 'web', message: 'Pulled registry.example/web:1' });
    expect(frame()).toEqual([
      '[+] Pulling 3/3',
      ' ✔ Service web Pulled registry.example/web:1',
      ' ✔   0a1b2c3d  Pull complete',
      ' ✔   9f8e7d6c  Already exists',
    ]);
  });

  it('shows BuildKit steps as lines, keeps their output out of the display, and prints notes above it', () => {
    const { sink, feed, frame } = live();
    const logged: string[] = [];
    const log = sink.log.bind(sink);
    sink.log = (line: string) => {
      logged.push(line);
      log(line);
    };
    feed({ subject: 'app', message: 'building with BuildKit', build: { kind: 'builder', builder: 'buildkit' } });
    feed({ subject: 'app', message: '#2 [1/2] FROM busybox', build: { kind: 'step', vertex: 2, name: '[1/2] FROM busybox', state: 'cached' } });
    feed({ subject: 'app', message: '#3 [2/2] RUN make', build: { kind: 'step', vertex: 3, name: '[2/2] RUN make', state: 'running' } });
    feed({ subject: 'app', message: '#3 compiling', build: { kind: 'output', vertex: 3, line: 'compiling' } });
    feed({ subject: 'app', message: 'no commit tag: not a git repository' });
    expect(frame()).toEqual([
      '[+] Pulling 1/3',
      ' ⠋ Service app Building with BuildKit',
      ' ✔   app #2    Cached [1/2] FROM busybox',
      ' ⠋   app #3    Running [2/2] RUN make',
    ]);
    expect(logged).toEqual(['[app] no commit tag: not a git repository']);
  });
});
