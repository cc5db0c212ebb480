import { describe, expect, it } from 'vitest';
import { mustPull, pullCommandDecision, pullPolicy } from '../../../../electron/core/images/pull-policy';
import { parseDayDurationMs } from '../../../../shared/duration';

const now = new Date('2026-06-01T12:00:00Z');
const ago = (ms: number) => ({ lastTagTime: new Date(now.getTime() - ms) });
const HOUR = 3600_000;

describe('pull_policy as compose-go reads it', () => {
  it('knows every policy, if_not_present and unknown words as missing, and the refresh windows', () => {
    expect(pullPolicy('web', undefined)).toEqual({ kind: 'missing' });
    expect(pullPolicy('web', 'if_not_present')).toEqual({ kind: 'missing' });
    expect(pullPolicy('web', 'refresh')).toEqual({ kind: 'missing' });
    for (const kind of ['always', 'never', 'missing', 'build'] as const) expect(pullPolicy('web', kind)).toEqual({ kind });
    expect(pullPolicy('web', 'daily')).toEqual({ kind: 'refresh', everyMs: 24 * HOUR });
    expect(pullPolicy('web', 'weekly')).toEqual({ kind: 'refresh', everyMs: 7 * 24 * HOUR });
    expect(pullPolicy('web', 'every_12h')).toEqual({ kind: 'refresh', everyMs: 12 * HOUR });
    expect(pullPolicy('web', 'every_1w2d')).toEqual({ kind: 'refresh', everyMs: 9 * 24 * HOUR });
    expect(pullPolicy('web', 'every_1s')).toEqual({ kind: 'refresh', everyMs: 1000 });
  });

  it('refuses every_ without a duration, naming the service', () => {
    expect(() => pullPolicy('web', 'every_soon')).toThrow('service web: pull_policy "every_soon" has no valid duration after every_');
    expect(parseDayDurationMs('1y')).toBeUndefined();
    expect(parseDayDurationMs('1.5h')).toBe(1.5 * HOUR);
  });

  it('decides a pull on up as docker/compose mustPull', () => {
    const policy = (text: string) => pullPolicy('web', text);
    expect(mustPull(policy('always'), {}, now)).toBe(true);
    expect(mustPull(policy('never'), undefined, now)).toBe(false);
    expect(mustPull(policy('build'), undefined, now)).toBe(false);
    expect(mustPull(policy('missing'), undefined, now)).toBe(true);
    expect(mustPull(policy('missing'), {}, now)).toBe(false);
    expect(mustPull(policy('every_2h'), undefined, now)).toBe(true);
    expect(mustPull(policy('every_2h'), ago(HOUR), now)).toBe(false);
    expect(mustPull(policy('every_2h'), ago(3 * HOUR), now)).toBe(true);
    // An image the engine never says was tagged counts as tagged long ago (Go's zero time).
    expect(mustPull(policy('daily'), {}, now)).toBe(true);
  });

  it('decides a pull on the pull command as docker/compose shouldPullImage', () => {
    expect(pullCommandDecision(undefined, 'web', 'reg/app:1', {}, now)).toEqual({ pull: true });
    expect(pullCommandDecision('missing', 'web', 'reg/app:1', {}, now)).toEqual({ pull: false, skipReason: 'Image is already present locally' });
    expect(pullCommandDecision('missing', 'web', 'reg/app', {}, now)).toEqual({ pull: true });
    expect(pullCommandDecision('every_2h', 'web', 'reg/app:1', ago(HOUR), now)).toEqual({ pull: true });
    expect(pullCommandDecision('never', 'web', 'reg/app:1', undefined, now).pull).toBe(false);
    expect(pullCommandDecision('build', 'web', 'reg/app:1', undefined, now).pull).toBe(false);
  });
});
