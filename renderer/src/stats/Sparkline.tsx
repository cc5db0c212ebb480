/** A line of recent values in a small SVG, named for assistive technology (`role="img"`). */
export function Sparkline({ label, points, max, width = 56, height = 18, className }: { label: string; points: readonly number[]; max: number; width?: number; height?: number; className?: string }) {
  const top = max > 0 ? max : 1;
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const line = points.map((p, i) => `${(i * step).toFixed(1)},${(height - (Math.min(p, top) / top) * (height - 2) - 1).toFixed(1)}`).join(' ');
  return (
    <svg className={className ?? 'sparkline'} role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none">
      {points.length > 1 ? <polyline points={line} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" /> : null}
    </svg>
  );
}

/** The top of a CPU scale: one core (100 %), or more when a service uses more. */
export function cpuScale(points: readonly number[]): number {
  return Math.max(100, ...points);
}

/** The top of a memory scale: the largest value shown. */
export function memoryScale(points: readonly number[]): number {
  return Math.max(0, ...points);
}
