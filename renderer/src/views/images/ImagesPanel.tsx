import { useEffect, useRef } from 'react';
import { useApp } from '../../app-context';
import { ErrorNote } from '../common/ErrorNote';
import { LoadingState } from '../common/States';
import { ServiceImageRow } from './ServiceImageRow';
import { useImages } from './use-images';
import './images.css';

/**
 * Build, push and pull, one button each: for all services or one, with a bar per build step and
 * per pushed or pulled layer (with its bytes), the tags pushed (with copy buttons), and how the last run ended.
 */
export function ImagesPanel({ projectId }: { projectId: string }) {
  const client = useApp((s) => s.client);
  const { state, build, push, pull, cancel, dismiss } = useImages(client, projectId);
  const { images, loaded, listError, running, progress, outcome } = state;
  const panel = useRef<HTMLDivElement>(null);
  useEffect(
    () =>
      // The tray's Build/Push and the desktop notifications open the "build" view: this panel.
      client.on('desktop.navigate', (target) => {
        if (target.view === 'build' && (target.projectId === undefined || target.projectId === projectId)) panel.current?.scrollIntoView?.({ block: 'nearest' });
      }),
    [client, projectId],
  );
  if (!loaded) return <LoadingState label="Reading the images…" />;
  if (listError?.code === 'unknown_call') return null;
  const buildable = images.filter((i) => i.hasBuild);
  const pushable = images.filter((i) => i.pushable);
  const pullable = images.filter((i) => i.pullable === true);
  return (
    <div className="images-panel" ref={panel}>
      <div className="images-buttons">
        <button type="button" className="primary" disabled={running !== undefined || buildable.length === 0} onClick={() => void build()}>
          {running?.action === 'build' && running.service === undefined ? 'Building…' : 'Build all'}
        </button>
        <button type="button" disabled={running !== undefined || pushable.length === 0} onClick={() => void push()}>
          {running?.action === 'push' && running.service === undefined ? 'Pushing…' : 'Push all'}
        </button>
        <button type="button" disabled={running !== undefined || pullable.length === 0} onClick={() => void pull()} title="Pull the images with your Docker login">
          {running?.action === 'pull' && running.service === undefined ? 'Pulling…' : 'Pull all'}
        </button>
        {running ? (
          <button type="button" onClick={cancel} disabled={running.taskId === undefined}>
            Cancel
          </button>
        ) : null}
      </div>
      <ErrorNote error={listError} />
      {outcome ? (
        <div className={outcome.ok ? 'images-outcome ok' : 'images-outcome failed'} role="status">
          <span>{outcome.title}</span>{' '}
          <button type="button" className="link-button" onClick={dismiss} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      ) : null}
      {outcome?.error ? <ErrorNote error={outcome.error} /> : null}
      {images.length === 0 ? <p className="muted">No service has a build: section or an image:.</p> : null}
      <ul className="images-services">
        {images.map((image) => (
          <ServiceImageRow
            key={image.service}
            image={image}
            progress={progress[image.service]}
            running={running}
            onBuild={() => void build(image.service)}
            onPush={() => void push(image.service)}
            onPull={() => void pull(image.service)}
          />
        ))}
      </ul>
    </div>
  );
}
