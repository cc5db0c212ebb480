import { useEffect, useState } from 'react';
import type { ServiceUrl } from '../../../../shared/contract/proxy';
import { useApp } from '../../app-context';

/**
 * The service addresses (`http://SERVICE.PROJECT.localhost:PORT/`) of the open project,
 * by service: asked again whenever the set of running services changes.
 */
export function useServiceUrls(): ReadonlyMap<string, ServiceUrl[]> {
  const client = useApp((s) => s.client);
  const projectId = useApp((s) => s.currentId);
  const running = useApp((s) =>
    Object.entries(s.services)
      .filter(([, state]) => state?.containers.some((c) => c.state === 'running'))
      .map(([name]) => name)
      .sort()
      .join(','),
  );
  const [answer, setAnswer] = useState<{ key: string; urls: ReadonlyMap<string, ServiceUrl[]> }>({ key: '', urls: NONE });
  const key = projectId && running !== '' ? `${projectId}|${running}` : '';
  useEffect(() => {
    if (!projectId || key === '') return;
    let current = true;
    client
      .call('proxy.urls', { projectId })
      .then((result) => {
        if (current) setAnswer({ key, urls: byService(result.urls) });
      })
      .catch(() => {
        if (current) setAnswer({ key, urls: NONE });
      });
    return () => {
      current = false;
    };
  }, [client, projectId, key]);
  return answer.key === key ? answer.urls : NONE;
}

const NONE: ReadonlyMap<string, ServiceUrl[]> = new Map();

function byService(urls: ServiceUrl[]): Map<string, ServiceUrl[]> {
  const map = new Map<string, ServiceUrl[]>();
  for (const url of urls) map.set(url.service, [...(map.get(url.service) ?? []), url]);
  return map;
}
