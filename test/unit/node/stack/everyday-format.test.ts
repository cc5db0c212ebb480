import { describe, expect, it } from 'vitest';
import { humanSize, wantsJson } from '../../../../electron/cli/output-format';
import { splitReference } from '../../../../electron/core/stack/ops';
import { combinedStatus } from '../../../../electron/core/state/engine-projects';

describe('what ls, images and --format print', () => {
  it('a project\'s status as docker compose ls writes it', () => {
    expect(combinedStatus(new Map([['running', 2]]))).toBe('running(2)');
    expect(combinedStatus(new Map([['running', 1], ['exited', 3]]))).toBe('exited(3), running(1)');
  });

  it('image references split into repository and tag', () => {
    expect(splitReference('busybox:latest')).toEqual({ repository: 'busybox', tag: 'latest' });
    expect(splitReference('127.0.0.1:5000/team/app')).toEqual({ repository: '127.0.0.1:5000/team/app', tag: 'latest' });
    expect(splitReference('127.0.0.1:5000/app:1.2')).toEqual({ repository: '127.0.0.1:5000/app', tag: '1.2' });
    expect(splitReference('app@sha256:abc')).toEqual({ repository: 'app', tag: '<none>' });
  });

  it('sizes in the Docker CLI\'s decimal units', () => {
    expect(humanSize(999)).toBe('999B');
    expect(humanSize(4_260_000)).toBe('4.26MB');
    expect(humanSize(1_234_567_890)).toBe('1.23GB');
  });

  it('--format json and --json mean the same; an unknown format is a usage error', () => {
    expect(wantsJson('ls', { format: 'json' })).toBe(true);
    expect(wantsJson('ls', { json: true })).toBe(true);
    expect(wantsJson('ls', {})).toBe(false);
    expect(wantsJson('config', { format: 'yaml' }, 'yaml')).toBe(false);
    expect(() => wantsJson('ls', { format: 'xml' })).toThrow('unknown --format "xml"');
  });
});
