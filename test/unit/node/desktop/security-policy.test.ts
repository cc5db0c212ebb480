import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile, contentType } from '../../../../electron/main/app-protocol-files';
import { allowPermission, CONTENT_SECURITY_POLICY, externalUrl, isTrustedFrame, withSecurityHeaders } from '../../../../electron/main/security-policy';

describe('content security policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

  it('allows only our own origin: no remote content, no eval, no inline script, no plugins or frames', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*|ws:/);
  });

  it('replaces whatever CSP a response carried', () => {
    const headers = withSecurityHeaders({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html' });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
  });
});

describe('links, frames and permissions', () => {
  it('opens only http(s) links outside, never other schemes', () => {
    expect(externalUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/');
    expect(externalUrl('https://example.com/a?b')).toBe('https://example.com/a?b');
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'app://slipway/index.html', 'smb://host/share', 'vscode://x', 'not a url', 'https://user:pw@example.com/']) {
      expect(externalUrl(bad)).toBeUndefined();
    }
  });

  it('trusts only the main frame of app://slipway', () => {
    expect(isTrustedFrame({ url: 'app://slipway/index.html', parent: null })).toBe(true);
    expect(isTrustedFrame({ url: 'app://slipway/index.html', parent: { url: 'app://slipway/', parent: null } })).toBe(false);
    expect(isTrustedFrame({ url: 'about:blank', parent: null })).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
  });

  it('refuses every permission except clipboard writes from our page', () => {
    expect(allowPermission('clipboard-sanitized-write', 'app://slipway/')).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'serial']) {
      expect(allowPermission(p, 'app://slipway/')).toBe(false);
    }
  });
});

describe('app:// serves the renderer folder and nothing else', () => {
  const root = path.resolve('/srv/renderer');

  it('maps paths inside the folder', () => {
    expect(resolveAppFile(root, 'app://slipway/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://slipway/index.html?x=1#/logs')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://slipway/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://slipway/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    // The URL parser already folds plain dot segments into the root: still inside.
    ['app://slipway/../secret', path.join(root, 'secret')],
    ['app://slipway/%2e%2e/secret', path.join(root, 'secret')],
    ['app://slipway/%2fetc%2fpasswd', path.join(root, 'etc', 'passwd')],
    // Encoded separators, backslashes, NUL, bad escapes, other hosts and schemes: refused.
    ['app://slipway/assets/%2e%2e%2f%2e%2e%2fetc/passwd', undefined],
    ['app://slipway/..%2f..%2fetc%2fpasswd', undefined],
    ['app://slipway/assets%5c..%5c..%5csecret', undefined],
    ['app://slipway/index.html%00.png', undefined],
    ['app://slipway/%E0%A4%A', undefined],
    ['app://other/index.html', undefined],
    ['file:///etc/passwd', undefined],
    ['https://slipway/index.html', undefined],
  ])('never leaves the folder: %s', (url, expected) => {
    expect(resolveAppFile(root, url)).toBe(expected);
  });

  it('names content types', () => {
    expect(contentType('/x/index.html')).toMatch(/text\/html/);
    expect(contentType('/x/a.js')).toMatch(/javascript/);
    expect(contentType('/x/a.unknown')).toBe('application/octet-stream');
  });
});
