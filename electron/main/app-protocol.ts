import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentType, resolveAppFile } from './app-protocol-files';
import { APP_SCHEME, withSecurityHeaders } from './security-policy';

/** Must run before the app is ready: app:// behaves like https (standard, secure origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer, and nothing else, on app://slipway/. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file || request.method !== 'GET') return notFound();
    try {
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: headers({ 'Content-Type': contentType(file), 'Cache-Control': 'no-cache' }) });
    } catch {
      return notFound();
    }
  });
}

function headers(base: Record<string, string>): [string, string][] {
  return Object.entries(withSecurityHeaders(base)).map(([name, values]) => [name, values.join(', ')]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: headers({ 'Content-Type': 'text/plain; charset=utf-8' }) });
}
