import { layerBytes, layerFraction, stepsFinished, stepStateLabel, type ServiceProgress } from './images-progress';

/**
 * The build's progress: for BuildKit a bar (steps finished of those seen) over the list of
 * steps with their state; for the classic builder the step as a bar (step n of m); then the
 * last output lines, and one bar per layer pushed or pulled, with its bytes.
 */
export function ImageProgress({ service, progress }: { service: string; progress: ServiceProgress }) {
  const { step, steps, layers, output, status } = progress;
  const finished = stepsFinished(steps);
  return (
    <div className="images-progress">
      {progress.phase === 'build' && steps.length > 0 ? (
        <div className="images-steps">
          <progress value={finished} max={steps.length} aria-label={`${service} build steps ${finished} of ${steps.length} finished`} />
          <ol aria-label={`${service} build steps`}>
            {steps.map((s) => (
              <li key={s.vertex} className={`images-step-${s.state}`}>
                <code>
                  #{s.vertex} {s.name}
                </code>{' '}
                <span className={s.state === 'cached' ? 'badge images-cached' : 'muted'}>{stepStateLabel(s)}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {progress.phase === 'build' && step ? (
        <div className="images-step">
          <progress value={step.current} max={step.total} aria-label={`${service} build step ${step.current} of ${step.total}`} />
          <span className="images-step-label">
            Step {step.current}/{step.total}: <code>{step.label}</code>
            {step.cached ? <span className="badge images-cached">cached</span> : null}
          </span>
        </div>
      ) : null}
      {progress.phase === 'build' && output.length > 0 ? (
        <pre className="images-output" aria-label={`${service} build output`}>
          {output.join('\n')}
        </pre>
      ) : null}
      {layers.length > 0 ? (
        <ul className="images-layers" aria-label={`${service} layers`}>
          {layers.map((layer) => {
            const fraction = layerFraction(layer);
            const bytes = layerBytes(layer);
            return (
              <li key={layer.id}>
                <code>{layer.id}</code>
                {fraction === undefined ? <progress aria-label={`layer ${layer.id}`} /> : <progress value={fraction} max={1} aria-label={`layer ${layer.id}`} />}
                <span className="muted">{layer.status}</span>
                {bytes !== undefined ? <span className="muted images-bytes">{bytes}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {status ? <div className="muted images-status">{status}</div> : null}
    </div>
  );
}
