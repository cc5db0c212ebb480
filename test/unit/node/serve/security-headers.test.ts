import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../../electron/serve/security-headers';

function csp(): Map<string, string[]> {
  const policy = securityHeaders()['Content-Security-Policy'] ?? '';
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

describe('securityHeaders', () => {
  it('allows scripts, connections and frames from nowhere but this origin', () => {
    const p = csp();
    expect(p.get('default-src')).toEqual(["'self'"]);
    expect(p.get('script-src')).toEqual(["'self'"]);
    expect(p.get('connect-src')).toEqual(["'self'"]);
    expect(p.get('object-src')).toEqual(["'none'"]);
    expect(p.get('base-uri')).toEqual(["'none'"]);
    expect(p.get('form-action')).toEqual(["'none'"]);
    expect(p.get('frame-ancestors')).toEqual(["'none'"]);
    for (const values of p.values()) {
      expect(values).not.toContain("'unsafe-eval'");
      expect(values).not.toContain('*');
    }
    expect(p.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('forbids sniffing, framing, referrers and cross-origin use', () => {
    expect(securityHeaders()).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    expect(securityHeaders()['Permissions-Policy']).toMatch(/camera=\(\)/);
  });
});
