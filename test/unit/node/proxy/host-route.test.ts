import { describe, expect, it } from 'vitest';
import { routeFromHost, serviceUrl } from '../../../../electron/core/proxy/host-route';
import { urlsOf } from '../../../../electron/core/proxy/proxy-room';
import { serviceTargets } from '../../../../electron/core/proxy/service-targets';
import type { ProjectContainer } from '../../../../electron/core/state/container-record';

function container(name: string, service: string, state: string, ports: ProjectContainer['ports']): ProjectContainer {
  return { id: name, name, service, number: 1, state, status: '', command: '', created: 0, image: 'busybox', imageId: 'sha256:1', labels: {}, ports, mounts: [], ours: true };
}

describe('service addresses by name', () => {
  it('reads SERVICE.PROJECT.localhost and PORT.SERVICE.PROJECT.localhost, with or without a port', () => {
    expect(routeFromHost('web.shop.localhost:7380')).toEqual({ project: 'shop', service: 'web' });
    expect(routeFromHost('WEB.Shop.LOCALHOST.')).toEqual({ project: 'shop', service: 'web' });
    expect(routeFromHost('3000.web.shop.localhost')).toEqual({ project: 'shop', service: 'web', containerPort: 3000 });
  });

  it('refuses every other name', () => {
    for (const host of [undefined, '', 'localhost', 'shop.localhost', 'web.shop.example.com', 'a.b.web.shop.localhost', '70000.web.shop.localhost', '-x.shop.localhost', 'web.shop.localhost.evil.com']) {
      expect(routeFromHost(host), String(host)).toBeUndefined();
    }
  });

  it('writes the address back', () => {
    expect(serviceUrl({ project: 'shop', service: 'web' }, 7380)).toBe('http://web.shop.localhost:7380/');
    expect(serviceUrl({ project: 'shop', service: 'web', containerPort: 9090 }, 7380)).toBe('http://9090.web.shop.localhost:7380/');
  });

  it('targets each running replica at its published port on loopback, the lowest container port first', () => {
    const web1 = container('shop-web-1', 'web', 'running', [
      { target: 9090, published: 41002, hostIp: '0.0.0.0', protocol: 'tcp' },
      { target: 8080, published: 41001, hostIp: '127.0.0.1', protocol: 'tcp' },
      { target: 53, published: 41053, hostIp: '127.0.0.1', protocol: 'udp' },
    ]);
    const web2 = container('shop-web-2', 'web', 'exited', [{ target: 8080, published: 41003, hostIp: '127.0.0.1', protocol: 'tcp' }]);
    expect(serviceTargets([web1, web2], 'web')).toEqual([{ container: 'shop-web-1', host: '127.0.0.1', port: 41001 }]);
    expect(serviceTargets([web1, web2], 'web', 9090)).toEqual([{ container: 'shop-web-1', host: '127.0.0.1', port: 41002 }]);
    expect(serviceTargets([web1], 'web', 53)).toEqual([]);
    expect(urlsOf('shop', [web1, web2], 7380).map((u) => u.url)).toEqual(['http://web.shop.localhost:7380/', 'http://9090.web.shop.localhost:7380/']);
  });
});
