import type { ErrorObject } from 'ajv';

/** The Compose-spec validator generated from compose-spec.json (scripts/generate-compose-validator.mjs). */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const validate: GeneratedValidator;
export default validate;
