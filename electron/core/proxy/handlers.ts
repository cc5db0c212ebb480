import type { PartialHandlers } from '../api/handlers';
import type { ServiceProxyRoom } from './proxy-room';

export function proxyHandlers(room: () => ServiceProxyRoom): PartialHandlers<'proxy.start' | 'proxy.urls'> {
  return {
    'proxy.start': async () => ({ port: await room().start() }),
    'proxy.urls': async (input) => room().urls(input.projectId),
  };
}
