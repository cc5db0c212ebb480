// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineRun, TimelineService } from '../../../shared/contract/timeline';
import { TimelineFigure } from '../../../renderer/src/views/timeline/TimelinePanel';

afterEach(cleanup);

const T0 = 1_700_000_000_000;

/** A chain s0 ← s1 ← … ← s(n-1), each healthy 100 ms after the one before: the whole chain is critical. */
function chainRun(n: number): TimelineRun {
  const services: TimelineService[] = Array.from({ length: n }, (_, i) => {
    const wait = i === 0 ? null : { service: `s${i - 1}`, condition: 'healthy' as const, until: T0 + i * 100, waitedMs: i * 100 };
    return {
      service: `s${i}`,
      state: 'healthy',
      createdAt: T0 + 10,
      startedAt: T0 + i * 100 + 20,
      readyAt: T0 + (i + 1) * 100,
      failedAt: null,
      healthcheck: true,
      dependencies: wait ? [wait] : [],
      waitedFor: wait?.service ?? null,
      heldBy: wait,
      critical: i % 2 === 0,
      phases: [
        { name: 'queued', from: T0, to: T0 + 10 },
        { name: 'waiting', from: T0 + 10, to: T0 + i * 100 + 5 },
        { name: 'starting', from: T0 + i * 100 + 5, to: T0 + i * 100 + 20 },
        { name: 'healthcheck', from: T0 + i * 100 + 20, to: T0 + (i + 1) * 100 },
      ],
    };
  });
  return { id: 'r', project: 'big', kind: 'up', startedAt: T0, finishedAt: T0 + 20, ok: true, settled: true, totalMs: n * 100, criticalPath: services.filter((s) => s.critical).map((s) => s.service), services };
}

describe('the startup timeline figure', () => {
  it('has a bar per service at 50 services, in a scrolling list, the critical ones marked', () => {
    render(<TimelineFigure run={chainRun(50)} now={T0} />);
    const figure = screen.getByRole('figure', { name: 'Startup timeline' });
    const rows = within(figure).getAllByRole('listitem').filter((row) => row.dataset.service);
    expect(rows).toHaveLength(50);
    expect(rows.filter((row) => row.dataset.critical === 'true')).toHaveLength(25);
    expect(within(figure).getByRole('list', { name: 'Services' }).className).toBe('timeline-rows');
    // Each phase is a span of the bar, placed on the run's time axis (4920 ms of 5000).
    const last = within(rows[49] as HTMLElement).getByRole('img', { name: /^s49:/ });
    expect((last.querySelector('.phase-healthcheck') as HTMLElement).style.left).toBe('98.4%');
  });

  it('says what held a bar on focus and moves between bars with the arrow keys', async () => {
    render(<TimelineFigure run={chainRun(3)} now={T0} />);
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByRole('tooltip').textContent).toBe('s0 healthy at 0.1 s, no dependencies, critical path');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('tooltip').textContent).toContain('waited 0.1 s for s0 (healthy)');
    await user.keyboard('{End}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^s2: healthy at 0\.3 s, waited 0\.2 s for s1 \(healthy\)/);
  });
});
