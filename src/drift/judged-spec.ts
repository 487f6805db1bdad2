/**
 * `--spec FILE`: a run or a replay judged by another copy of the spec (the user's edited one)
 * instead of the one this package was built from. The copy must describe the same operations —
 * the scenarios drive exactly those — and may change anything else: schemas, statuses, examples.
 */
import { loadSpec, SpecLoadError } from "../spec-build/load";
import { compileSpec } from "../spec-build/compile";
import { operations, setOperations } from "../spec";
import { setValidators } from "../spec/validators";
import { setSpecFacts } from "../spec/facts";
import { setSpecDocument } from "./spec-location";
import { setSpecSource } from "./suggested-spec";

export { SpecLoadError };

/** Judges by the spec in `file` from here on; returns what puts the package's own spec back. */
export function judgeBy(file: string, shownAs: string): () => void {
  const compiled = compileSpec(loadSpec(file), shownAs);
  const differences = Object.entries(operations).flatMap(([id, op]) => {
    const theirs = compiled.operations[id];
    if (!theirs) return [`${id} (${op.method} ${op.path}) is missing`];
    return theirs.method === op.method && theirs.path === op.path
      ? []
      : [`${id} is ${theirs.method} ${theirs.path}, not ${op.method} ${op.path}`];
  });
  if (differences.length > 0)
    throw new SpecLoadError(
      file,
      undefined,
      `it must describe the operations the drift job drives, as they are: ${differences.join("; ")}`,
    );
  const before = {
    operations: setOperations(compiled.operations as unknown as typeof operations),
    validators: setValidators(compiled.validators),
    facts: setSpecFacts(compiled.facts),
    document: setSpecDocument(compiled.document, compiled.lines),
    text: setSpecSource(compiled.text),
  };
  return () => {
    setOperations(before.operations);
    setValidators(before.validators);
    setSpecFacts(before.facts);
    setSpecDocument(before.document.document, before.document.lines);
    setSpecSource(before.text);
  };
}
