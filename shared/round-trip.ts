import type { HostStatus } from './contract/host';

/**
 * What a call to the engine costs, as `slipway hosts` and the dashboard's Host panel say
 * it: one round trip on the open connection ("3.4 ms"), and the first answer with the
 * dialling (ssh or TLS handshake) when it is known.
 */
export function roundTripText(status: Pick<HostStatus, 'rttMs' | 'latencyMs'>): string | undefined {
  if (status.rttMs === undefined) return undefined;
  const first = status.latencyMs !== undefined ? ` (first answer ${Math.round(status.latencyMs)} ms, connecting included)` : '';
  return `${status.rttMs < 10 ? status.rttMs.toFixed(1) : Math.round(status.rttMs)} ms${first}`;
}
