// Types of the generated ferry-config-validator.js (scripts/build.mjs writes it from the schema).
import type { ValidateFunction } from 'ajv';

export const validate: ValidateFunction;
export default validate;
