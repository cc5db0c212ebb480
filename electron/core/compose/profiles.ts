import type { Dict } from './types';
import { isDict } from './types';

/** `--profile` flags, or else COMPOSE_PROFILES (comma-separated). */
export function activeProfiles(flags: string[] | undefined, envValue: string | undefined): string[] {
  const raw = flags && flags.length > 0 ? flags : (envValue ?? '').split(',');
  const out: string[] = [];
  for (const item of raw.flatMap((p) => p.split(','))) {
    const name = item.trim();
    if (name !== '' && !out.includes(name)) out.push(name);
  }
  return out;
}

function serviceProfiles(service: unknown): string[] {
  if (!isDict(service) || !Array.isArray(service.profiles)) return [];
  return service.profiles.map((p) => String(p));
}

/**
 * The active profiles plus those of each named service that they leave disabled: naming a
 * service enables it, as Compose does (compose-go's Project.WithServicesEnabled).
 */
export function withServicesEnabled(services: Dict, active: string[], named: readonly string[]): string[] {
  const out = [...active];
  const { disabled } = applyProfiles(services, active);
  for (const name of named) for (const profile of disabled[name] ?? []) if (!out.includes(profile)) out.push(profile);
  return out;
}

/**
 * Services without profiles are always on; a service with profiles is on when one of
 * them is active (`*` activates every profile). Disabled ones are listed with their profiles.
 */
export function applyProfiles(services: Dict, active: string[]): { enabled: Record<string, Dict>; disabled: Record<string, string[]> } {
  const enabled: Record<string, Dict> = {};
  const disabled: Record<string, string[]> = {};
  const all = active.includes('*');
  for (const [name, service] of Object.entries(services)) {
    const profiles = serviceProfiles(service);
    if (profiles.length === 0 || all || profiles.some((p) => active.includes(p))) enabled[name] = isDict(service) ? service : {};
    else disabled[name] = profiles;
  }
  return { enabled, disabled };
}
