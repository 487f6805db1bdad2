/**
 * The precompiled validators (`generated/validators.js`, ajv standalone code written by
 * `npm run gen`). Every rule of the API that is checked at run time is checked here; importing this
 * module loads all of them, so only code that judges bodies does.
 */
import * as compiled from "../../generated/validators";
import type { CompiledValidator, SchemaError, SchemaName, ValidatorName } from "../../generated/validators";

export type { CompiledValidator, SchemaError, SchemaName, ValidatorName };

let validators = compiled as unknown as Record<ValidatorName, CompiledValidator>;

/** Judges by other validators from here on: those of another copy of the spec (`--spec`), by the same names; returns the ones before. */
export function setValidators(next: Record<string, CompiledValidator>): Record<string, CompiledValidator> {
  const before = validators;
  validators = next as Record<ValidatorName, CompiledValidator>;
  return before;
}

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
