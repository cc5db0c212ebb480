import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CLOSED_PIPE_EXIT, endQuietlyOnClosedPipe } from '../../../../electron/cli/closed-pipe';

describe('stdout closed by its reader (slipway … | head)', () => {
  it('ends with SIGPIPE\'s status on EPIPE and leaves other errors alone', () => {
    const stdout = new EventEmitter();
    const codes: number[] = [];
    endQuietlyOnClosedPipe(stdout, (code) => codes.push(code));
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(codes).toEqual([CLOSED_PIPE_EXIT]);
    expect(() => stdout.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }))).toThrow('EIO');
    expect(codes).toEqual([CLOSED_PIPE_EXIT]);
  });
});
