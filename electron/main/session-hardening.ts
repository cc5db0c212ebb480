import { app, session, shell } from 'electron';
import type { WebContents } from 'electron';
import { allowPermission, externalUrl, isAppUrl, withSecurityHeaders } from './security-policy';

/**
 * Applies to every page the app ever makes: our CSP on every response, every permission
 * refused (but clipboard writes from our own page), no navigation away, no new windows,
 * no <webview>; http(s) links go to the system browser and nothing else leaves.
 */
export function hardenSessions(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowPermission(permission, details.requestingUrl ?? contents.getURL()));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowPermission(permission, requestingOrigin));
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}

function openOutside(url: string): void {
  const safe = externalUrl(url);
  if (safe) void shell.openExternal(safe);
}

function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (!isAppUrl(url)) openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}
