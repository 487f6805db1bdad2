/**
 * Another copy of the spec, made ready at run time to judge by: the operation index, validators,
 * facts, lines and text that `npm run gen` writes to `generated/`, computed in memory from that
 * copy by the same functions. The validators are compiled here rather than precompiled, so this is
 * loaded only by a run given such a copy (`--spec`).
 */
import type { OperationInfo } from "../spec/operation-info";
import type { SpecFacts } from "../spec/facts";
import type { CompiledValidator } from "../spec/validators";
import type { JsonObject } from "../spec/json-pointer";
import { createAjv } from "./ajv";
import { specFactsOf, specLinesOf } from "./facts";
import { SpecLoadError, type SpecSource } from "./load";
import { buildOperationIndex } from "./operation-index";
import { buildSchemaDefs, buildStrictDocument, validatorRefs } from "./schema-defs";

export interface CompiledSpec {
  operations: Record<string, OperationInfo>;
  validators: Record<string, CompiledValidator>;
  facts: SpecFacts;
  document: JsonObject;
  lines: Record<string, number>;
  text: string;
}

/** `shownAs` is how reports name the file. Throws `SpecLoadError` for schemas that do not compile. */
export function compileSpec(spec: SpecSource, shownAs: string): CompiledSpec {
  const defs = buildSchemaDefs(spec.doc);
  const ajv = createAjv();
  const validators: Record<string, CompiledValidator> = {};
  try {
    ajv.addSchema(defs.document);
    ajv.addSchema(buildStrictDocument(defs));
    for (const [name, ref] of Object.entries(validatorRefs(defs))) {
      const validator = ajv.getSchema(ref);
      if (!validator) throw new Error(`no schema at ${ref}`);
      validators[name] = validator as CompiledValidator;
    }
  } catch (error) {
    throw new SpecLoadError(spec.file, undefined, `its schemas do not compile: ${(error as Error).message}`);
  }
  return {
    operations: Object.fromEntries(buildOperationIndex(spec.doc).map((op) => [op.operationId, op])),
    validators,
    facts: specFactsOf(spec, shownAs),
    document: spec.doc,
    lines: specLinesOf(spec),
    text: spec.text,
  };
}
