import type { ResponseAnalysis, SchemaCategory } from "./analysis";
import type { CheckInfo, FindingDraft } from "./types";

/** A check that judges one exchange on its own, from the shared analysis of its response. */
export interface ResponseCheck<Id extends string = string> extends CheckInfo<Id> {
  /** It judges the body's content by the schema (one category of validator problem). */
  schema?: true;
  run(analysis: ResponseAnalysis): FindingDraft[];
}

/** The schema checks differ only in which category of validator problem they report. */
export function schemaCategoryCheck<Id extends SchemaCategory>(info: CheckInfo<Id>): ResponseCheck<Id> {
  return {
    ...info,
    schema: true,
    run: (analysis) =>
      analysis.schemaProblems
        .filter((p) => p.category === info.id)
        .map(({ pointer, expected, actual, message }) => ({ pointer, expected, actual, message })),
  };
}
