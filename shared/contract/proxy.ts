import { z } from 'zod';
import { ProjectRef } from './common';
import { defineCall } from './define';

/** One address a service answers at through the service proxy. */
export const ServiceUrl = z.object({
  service: z.string(),
  /** The port inside the container this address reaches. */
  containerPort: z.number().int(),
  url: z.string(),
});
export type ServiceUrl = z.infer<typeof ServiceUrl>;

export const ServiceUrls = z.object({
  /** The proxy's port on 127.0.0.1 (this process's, else the one kept in settings), or null when none was ever chosen. */
  port: z.number().int().nullable(),
  /** A service proxy answers on that port (this process's, or the desktop app's or `slipway serve`'s). */
  running: z.boolean(),
  /** The addresses, when a proxy answers. */
  urls: z.array(ServiceUrl),
});
export type ServiceUrls = z.infer<typeof ServiceUrls>;

export const proxyCalls = {
  /**
   * Starts the service proxy on 127.0.0.1 (the port kept in settings, chosen on first
   * start); the shells that stay open (desktop, serve) call it once.
   */
  'proxy.start': defineCall({ input: z.object({}), output: z.object({ port: z.number().int() }) }),
  /** `http://SERVICE.PROJECT.localhost:PORT/` for every running service with a published TCP port. */
  'proxy.urls': defineCall({ input: ProjectRef, output: ServiceUrls }),
};
