import { z } from 'zod';
import { SlipwayError } from '../../shared/errors';

/** Compose's `--ansi` values (also read from COMPOSE_ANSI when the flag is not given). */
export const AnsiMode = z.enum(['never', 'always', 'auto']);
export type AnsiMode = z.infer<typeof AnsiMode>;

export interface ColorInputs {
  /** `--ansi`, as typed; undefined when not given. */
  ansi?: string | undefined;
  /** `--no-color` / `--no-ansi`. */
  noColor?: boolean;
  env: Record<string, string | undefined>;
  /** Whether the stream written to is a terminal. */
  isTTY: boolean;
}

/** `--ansi` (or COMPOSE_ANSI), checked: a value Compose does not know is a usage error. */
export function ansiMode(inputs: Pick<ColorInputs, 'ansi' | 'noColor' | 'env'>): AnsiMode {
  if (inputs.noColor) return 'never';
  const raw = inputs.ansi ?? inputs.env.COMPOSE_ANSI;
  if (raw === undefined || raw === '') return 'auto';
  const parsed = AnsiMode.safeParse(raw);
  if (!parsed.success) {
    const from = inputs.ansi !== undefined ? '--ansi' : 'COMPOSE_ANSI';
    throw new SlipwayError('usage', `${from}: unknown value "${raw}"`, 'Use never, always or auto.');
  }
  return parsed.data;
}

/**
 * The one decision whether the CLI writes colour, in this order:
 * 1. `--ansi never` / `--no-color` (or COMPOSE_ANSI=never): no colour.
 * 2. NO_COLOR set to anything but "" (no-color.org): no colour — as Compose, even over `--ansi always`.
 * 3. `--ansi always` (or COMPOSE_ANSI=always): colour.
 * 4. FORCE_COLOR set to anything but "" (force-color.org): colour even when piped, except
 *    `0` and `false`, which Node's own tty.getColorDepth and chalk's supports-color read as "no colour".
 * 5. Otherwise colour when the stream is a terminal.
 */
export function decideColor(inputs: ColorInputs): boolean {
  const mode = ansiMode(inputs);
  if (mode === 'never') return false;
  const noColor = inputs.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  if (mode === 'always') return true;
  const force = inputs.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return inputs.isTTY;
}

/** Colour was turned off on purpose (not merely piped): container output is stripped of its escapes too. */
export function colorRefused(inputs: Omit<ColorInputs, 'isTTY'>): boolean {
  return !decideColor({ ...inputs, isTTY: true });
}
