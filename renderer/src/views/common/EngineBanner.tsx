import { useApp } from '../../app-context';

/**
 * While the Docker engine does not answer: a banner that says so, why, and what to do. The
 * state feed reconnects by itself; when the engine is back the banner goes and the view
 * refreshes, without a reload.
 */
export function EngineBanner() {
  const host = useApp((s) => s.host);
  if (host.status !== 'down') return null;
  return (
    <div className="engine-banner" role="alert" data-testid="engine-banner">
      <strong>The Docker engine is unreachable.</strong>
      {host.message ? <span className="engine-banner-detail"> {host.message}</span> : null}
      <div>Start Docker, or check DOCKER_HOST and the host settings. This view reconnects by itself once the engine answers.</div>
    </div>
  );
}
