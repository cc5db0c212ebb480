import type { GeneratedValidator } from './schema/compose-validator.generated';
import { validate } from './schema/compose-validator.generated';

export type ComposeValidator = GeneratedValidator;

/**
 * The Compose-spec validator: plain code generated from the bundled schema at build time
 * (ajv standalone, scripts/generate-compose-validator.mjs), so nothing is compiled or
 * evaluated at run time.
 */
export function composeValidator(): ComposeValidator {
  return validate;
}
