/**
 * The facts of the spec a run judges by (see `src/spec-build/facts`): those `npm run gen` wrote to
 * `generated/`, unless the run was given another copy of the spec (`--spec`).
 */
import { specFacts as generated } from "../../generated/spec-facts";

export interface SpecFacts {
  /** The spec file, as the run names it (relative to where it ran). */
  source: string;
  sha256: string;
  /** The path every operation lives under (`/api/relay/rest`). */
  basePath: string;
  /** Property names some schema marks `writeOnly`: never in a response, and secret wherever they are. */
  writeOnlyProperties: readonly string[];
  /** The properties a response can hold, by component schema (write-only ones left out), for coverage. */
  schemaProperties: Readonly<Record<string, readonly string[]>>;
}

export let specFacts: SpecFacts = generated;

/** Judges by the facts of another copy of the spec from here on; returns the ones before. */
export function setSpecFacts(next: SpecFacts): SpecFacts {
  const before = specFacts;
  specFacts = next;
  return before;
}
