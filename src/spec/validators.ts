/**
 * The precompiled validators (`generated/validators.js`, ajv standalone code written by
 * `npm run gen`). Every rule of the API that is checked at run time is checked here; importing this
 * module loads all of them, so only code that judges bodies does.
 */
import * as compiled from "../../generated/validators";
import type { CompiledValidator, SchemaError, SchemaName, ValidatorName } from "../../generated/validators";

export type { SchemaError, SchemaName, ValidatorName };

const validators = compiled as unknown as Record<ValidatorName, CompiledValidator>;

/** Validates `data` with a named validator; an empty list means valid. */
export function validate(name: ValidatorName, data: unknown): SchemaError[] {
  const fn = validators[name];
  if (fn(data)) return [];
  return fn.errors ? [...fn.errors] : [];
}

export function hasValidator(name: string): name is ValidatorName {
  return Object.prototype.hasOwnProperty.call(validators, name);
}

export function strictValidatorName(name: ValidatorName): ValidatorName | undefined {
  const strict = `strict_${name}`;
  return hasValidator(strict) ? strict : undefined;
}

