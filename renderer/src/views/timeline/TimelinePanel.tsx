import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TimelinePhase, TimelineRun, TimelineService } from '../../../../shared/contract/timeline';
import { runLength, serviceSummary, timelineSeconds } from '../../../../shared/timeline-text';
import type { PanelProps } from '../panels';
import { useTimeline } from './use-timeline';
import './timeline.css';

const PHASE_WORDS: Record<TimelinePhase['name'], string> = {
  queued: 'queued',
  pulling: 'pulling',
  building: 'building',
  creating: 'creating',
  waiting: 'waiting',
  starting: 'starting',
  healthcheck: 'healthcheck',
  running: 'running to completion',
};

/** The last up's startup timeline: a bar per service, its phases in colour, the critical path marked. */
export function TimelinePanel({ projectId }: PanelProps) {
  const { run, now } = useTimeline(projectId);
  if (!run) return <p className="muted">No up yet: the timeline of the next one draws here as it happens.</p>;
  return <TimelineFigure run={run} now={now} />;
}

/** The run's span: from its start to the last time known (now while it runs). */
function spanOf(run: TimelineRun, now: number): { start: number; end: number } {
  const times = run.services.flatMap((s) => s.phases.flatMap((p) => [p.from, p.to ?? (run.finishedAt === null ? now : p.from)]));
  const end = Math.max(run.startedAt + (run.totalMs ?? 0), run.finishedAt ?? 0, ...times);
  return { start: run.startedAt, end: Math.max(end, run.startedAt + 1) };
}

export function TimelineFigure({ run, now }: { run: TimelineRun; now: number }) {
  const { start, end } = spanOf(run, now);
  const [focused, setFocused] = useState<string | undefined>(undefined);
  const bars = useRef<Map<string, HTMLDivElement>>(new Map());
  const tooltipId = useId();
  const focusedService = run.services.find((s) => s.service === focused);
  const pct = (t: number) => `${(((t - start) / (end - start)) * 100).toFixed(3)}%`;
  const width = (from: number, to: number) => `${((Math.max(0, to - from) / (end - start)) * 100).toFixed(3)}%`;
  const onKey = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? run.services.length - 1 : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const service = run.services[Math.max(0, Math.min(run.services.length - 1, next))];
    if (service) bars.current.get(service.service)?.focus();
  };
  return (
    <figure className="timeline" aria-label="Startup timeline" data-run={run.id} data-settled={run.settled}>
      <figcaption className="timeline-caption">
        <span>
          {run.kind} · {runLength(run)}
          {run.ok === false ? ' · failed' : ''}
        </span>
        <span className="timeline-path" data-testid="critical-path">
          critical path: {run.criticalPath.length > 0 ? run.criticalPath.join(' → ') : '—'}
        </span>
      </figcaption>
      <div className="timeline-rows" role="list" aria-label="Services">
        {run.services.map((service, index) => (
          <div key={service.service} role="listitem" className={service.critical ? 'timeline-row critical' : 'timeline-row'} data-service={service.service} data-critical={service.critical} data-state={service.state}>
            <span className="timeline-name" title={service.service}>
              {service.critical ? <span className="timeline-star" aria-hidden="true">★</span> : null}
              {service.service}
            </span>
            <div
              className="timeline-track"
              tabIndex={0}
              role="img"
              aria-label={`${service.service}: ${serviceSummary(run, service)}`}
              aria-describedby={focused === service.service ? tooltipId : undefined}
              ref={(el) => {
                if (el) bars.current.set(service.service, el);
                else bars.current.delete(service.service);
              }}
              onFocus={() => setFocused(service.service)}
              onBlur={() => setFocused((f) => (f === service.service ? undefined : f))}
              onMouseEnter={() => setFocused(service.service)}
              onMouseLeave={() => setFocused((f) => (f === service.service ? undefined : f))}
              onKeyDown={(event) => onKey(event, index)}
            >
              {service.phases.map((phase) => {
                const to = phase.to ?? (run.finishedAt === null ? now : end);
                return <span key={phase.name} className={`timeline-phase phase-${phase.name}`} style={{ left: pct(phase.from), width: width(phase.from, to) }} title={`${PHASE_WORDS[phase.name]} ${timelineSeconds(to - phase.from)}`} />;
              })}
              <Marker service={service} left={pct} />
            </div>
          </div>
        ))}
      </div>
      {/* What the bar under the pointer or the keyboard focus says, under the rows (never over another bar). */}
      <p className="timeline-detail">
        {focusedService ? (
          <span role="tooltip" id={tooltipId}>
            <strong>{focusedService.service}</strong> {serviceSummary(run, focusedService)}
          </span>
        ) : (
          <span className="muted">Point at a bar or focus it (Tab, ↑ ↓) to see what held it.</span>
        )}
      </p>
      <ul className="timeline-legend" aria-label="Phases">
        {(Object.keys(PHASE_WORDS) as TimelinePhase['name'][]).map((name) => (
          <li key={name}>
            <span className={`timeline-swatch phase-${name}`} aria-hidden="true" />
            {PHASE_WORDS[name]}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Where the service got ready (or failed). */
function Marker({ service, left }: { service: TimelineService; left: (t: number) => string }) {
  const at = service.failedAt ?? service.readyAt;
  if (at === null) return null;
  return <span className={service.failedAt !== null ? 'timeline-mark failed' : 'timeline-mark ready'} style={{ left: left(at) }} aria-hidden="true" />;
}
