import { describe, expect, it } from 'vitest';
import { contextFilter, parseDockerignore } from '../../../../electron/core/images/dockerignore';

describe('.dockerignore as the Docker CLI reads it', () => {
  it('drops comments before trimming, trims, cleans and strips a leading slash', () => {
    expect(parseDockerignore('\uFEFF# comment\n  node_modules/  \n/secret\n !keep\n\n ./a//b/../c\n #not-a-comment\r\n')).toEqual([
      'node_modules',
      'secret',
      '!keep',
      'a/c',
      '#not-a-comment',
    ]);
  });

  it('matches only at the context root unless ** is used, case-sensitively', () => {
    const filter = contextFilter(parseDockerignore('*.log\n**/*.tmp\nBuild\n'), 'Dockerfile');
    expect(filter.excludes('debug.log')).toBe(true);
    expect(filter.excludes('logs/debug.log')).toBe(false);
    expect(filter.excludes('a/b/c.tmp')).toBe(true);
    expect(filter.excludes('Build')).toBe(true);
    expect(filter.excludes('build')).toBe(false);
  });

  it('excludes what is inside an excluded folder, with later exceptions winning', () => {
    const filter = contextFilter(parseDockerignore('node_modules\n!node_modules/keep\n'), 'Dockerfile');
    expect(filter.excludes('node_modules')).toBe(true);
    expect(filter.excludes('node_modules/dep/index.js')).toBe(true);
    expect(filter.excludes('node_modules/keep')).toBe(false);
    expect(filter.excludes('node_modules/keep/file.js')).toBe(false);
    expect(filter.mustEnter('node_modules')).toBe(true);
    expect(filter.mustEnter('other')).toBe(false);
  });

  it('always sends .dockerignore and the Dockerfile, even when they are excluded', () => {
    const filter = contextFilter(parseDockerignore('*\n'), 'docker/Dockerfile.dev');
    expect(filter.excludes('.dockerignore')).toBe(false);
    expect(filter.excludes('docker/Dockerfile.dev')).toBe(false);
    expect(filter.excludes('docker/other')).toBe(true);
    expect(filter.mustEnter('docker')).toBe(true);
    expect(filter.patterns).toEqual(['*', '!.dockerignore', '!docker/Dockerfile.dev']);
  });
});
