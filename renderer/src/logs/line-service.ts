/**
 * Whether a log line's label belongs to `service`: lines carry the service name, or
 * `service-N` for the replicas of a scaled service (the logs room's labels, as Compose's).
 */
export function isLineOf(label: string, service: string): boolean {
  if (label === service) return true;
  return label.startsWith(`${service}-`) && /^\d+$/.test(label.slice(service.length + 1));
}
