import { describe, expect, it } from 'vitest';
import { isLongLivedRequest } from '../../../../electron/core/docker/request-kind';

describe('which engine requests get a connection of their own', () => {
  it('streams, blocking calls and bulk transfers do', () => {
    for (const [method, path] of [
      ['GET', '/events?filters=%7B%7D'],
      ['GET', '/containers/abc/logs?follow=true&stdout=true'],
      ['POST', '/containers/abc/attach?stream=1'],
      ['POST', '/exec/e1/start'],
      ['GET', '/containers/abc/stats'],
      ['POST', '/containers/abc/wait'],
      ['POST', '/containers/abc/stop?t=10'],
      ['POST', '/build?t=x'],
      ['POST', '/images/create?fromImage=busybox'],
      ['POST', '/images/registry.local:5000/team/app/push?tag=1'],
      ['GET', '/v1.41/events'],
    ]) {
      expect(isLongLivedRequest({ method, path }), `${method} ${path}`).toBe(true);
    }
    expect(isLongLivedRequest({ method: 'POST', path: '/session', headers: { Upgrade: 'h2c', Connection: 'Upgrade' } })).toBe(true);
    expect(isLongLivedRequest({ method: 'POST', path: '/exec/e1/resize', headers: { upgrade: 'tcp' } })).toBe(true);
  });

  it('quick calls share the pool', () => {
    for (const [method, path] of [
      ['GET', '/containers/json?all=1'],
      ['GET', '/containers/abc/json'],
      ['POST', '/containers/create?name=x'],
      ['POST', '/containers/abc/start'],
      ['GET', '/images/json'],
      ['GET', '/images/busybox:latest/json'],
      ['GET', '/version'],
      ['GET', '/_ping'],
      ['POST', '/exec/e1/resize?h=10&w=80'],
    ]) {
      expect(isLongLivedRequest({ method, path }), `${method} ${path}`).toBe(false);
    }
    expect(isLongLivedRequest({})).toBe(false);
  });
});
