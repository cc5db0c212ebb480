/** Colour slots for services in merged logs; each is themed (light and dark) in styles. */
const SERVICE_COLOR_SLOTS = 10;

/** A stable slot per service: its place in the project's service list, else a hash. */
export function serviceColorSlot(service: string, services: readonly string[]): number {
  const index = services.indexOf(service);
  if (index >= 0) return index % SERVICE_COLOR_SLOTS;
  let h = 0;
  for (let i = 0; i < service.length; i++) h = (h * 31 + service.charCodeAt(i)) | 0;
  return Math.abs(h) % SERVICE_COLOR_SLOTS;
}
