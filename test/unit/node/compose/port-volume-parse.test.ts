import { describe, expect, it } from 'vitest';
import { normalizePortLong, parsePortShort, PortSyntaxError } from '../../../../electron/core/compose/ports';
import { normalizeVolumeLong, parseVolumeShort, VolumeSyntaxError } from '../../../../electron/core/compose/volumes';

describe('ports and volumes are parsed into the model, not cast', () => {
  it('long ports: defaults, a numeric target, published as text, x-* kept, in print order', () => {
    const port = normalizePortLong({ 'x-note': 1, protocol: 'udp', published: 8080, target: '80' });
    expect(port).toEqual({ mode: 'ingress', target: 80, published: '8080', protocol: 'udp', 'x-note': 1 });
    expect(Object.keys(port)).toEqual(['mode', 'target', 'published', 'protocol', 'x-note']);
  });

  it('a long port without a container port is an error, not a port with no target', () => {
    expect(() => normalizePortLong({ published: 80 })).toThrow(PortSyntaxError);
    expect(() => normalizePortLong({ target: 'http' })).toThrow(/no container port/);
  });

  it('short ports keep the field order Compose prints', () => {
    expect(Object.keys(parsePortShort('127.0.0.1:8080:80/udp')[0] ?? {})).toEqual(['mode', 'host_ip', 'target', 'published', 'protocol']);
  });

  it('long volumes: read_only written as text is a boolean, a missing target is an error', () => {
    expect(normalizeVolumeLong({ type: 'volume', source: 'data', target: '/data', read_only: 'false' }, '/p')).toEqual({ type: 'volume', source: 'data', target: '/data' });
    expect(normalizeVolumeLong({ type: 'bind', source: './src', target: '/app', read_only: 'yes' }, '/p')).toEqual({ type: 'bind', source: '/p/src', target: '/app', read_only: true });
    expect(() => normalizeVolumeLong({ type: 'volume', source: 'data' }, '/p')).toThrow(VolumeSyntaxError);
  });

  it('short volumes: a bind gets create_host_path, a named volume an empty volume block', () => {
    expect(parseVolumeShort('./src:/app/:ro,z', '/p')).toEqual({ type: 'bind', source: '/p/src', target: '/app', read_only: true, bind: { selinux: 'z', create_host_path: true } });
    expect(parseVolumeShort('data:/data:rw,nocopy', '/p')).toEqual({ type: 'volume', source: 'data', target: '/data', volume: { nocopy: true } });
  });
});
