import type { ServiceImage } from '../../../../shared/contract/images';
import { CopyButton } from './CopyButton';
import { ImageProgress } from './ImageProgress';
import type { ServiceProgress } from './images-progress';
import type { RunningTask } from './use-images';

interface Props {
  image: ServiceImage;
  progress: ServiceProgress | undefined;
  running: RunningTask | undefined;
  onBuild(): void;
  onPush(): void;
  onPull(): void;
}

/** What the local image is: built, pulled or present, or what is missing. */
function OriginBadge({ image }: { image: ServiceImage }) {
  if (image.origin) return <span className={`badge images-${image.origin}`}>{image.origin}</span>;
  return <span className="badge">{image.hasBuild ? 'not built' : 'not pulled'}</span>;
}

/** One service: its image and commit tag, Build, Push and Pull, progress, and the tags pushed. */
export function ServiceImageRow({ image, progress, running, onBuild, onPush, onPull }: Props) {
  const busy = running !== undefined;
  return (
    <li className="images-service" data-service={image.service}>
      <div className="images-service-line">
        <strong>{image.service}</strong> <code>{image.image}</code>
        {image.commitTag ? <span className="muted"> · commit tag {image.commitTag.slice(image.commitTag.lastIndexOf(':') + 1)}</span> : null}
        <OriginBadge image={image} />
        <span className="images-service-buttons">
          {image.hasBuild ? (
            <button type="button" disabled={busy} onClick={onBuild} aria-label={`Build ${image.service}`}>
              Build
            </button>
          ) : null}
          {image.pullable ? (
            <button type="button" disabled={busy} onClick={onPull} aria-label={`Pull ${image.service}`}>
              Pull
            </button>
          ) : null}
          {image.pushable ? (
            <button type="button" disabled={busy || !image.imageId} onClick={onPush} aria-label={`Push ${image.service}`} title={image.imageId ? undefined : 'Build it first'}>
              Push
            </button>
          ) : null}
        </span>
      </div>
      {progress ? <ImageProgress service={image.service} progress={progress} /> : null}
      {image.pushed.length > 0 ? (
        <ul className="images-pushed" aria-label={`${image.service} pushed tags`}>
          {image.pushed.map((tag) => (
            <li key={tag.tag}>
              <code>{tag.tag}</code> <CopyButton text={tag.tag} label={`Copy ${tag.tag}`} />
              {tag.digest ? <span className="muted"> {tag.digest.slice(0, 19)}…</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
