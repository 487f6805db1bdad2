/**
 * What the server actually sent where a schema finding points, across all its occurrences: the
 * values (a bounded sample of distinct ones, and every JSON type seen) and, for an undocumented
 * status, the content type and a body. Suggestions are made from this evidence, not from the
 * first occurrence alone, so a key that is sometimes `null` is suggested as nullable.
 */
import { checkInfo, type Finding, type ResponseAnalysis } from "../checks";
import { jsonTypeOf } from "../checks/finding";
import { at, splitPointer, type Json } from "../spec/json-pointer";
import { isSecretField } from "./secret-fields";

/** Distinct values kept per finding: enough to tell a closed set from free text. */
const SAMPLE = 20;

export interface Evidence {
  occurrences: number;
  /** JSON types seen, with `integer` for whole numbers. */
  types: Set<string>;
  /** Distinct values seen, at most `SAMPLE` of them (JSON text, so objects compare by value). */
  values: Map<string, Json>;
  /** True when more distinct values were seen than the sample keeps. */
  more: boolean;
  /** The media type it came with, where the suggestion documents a response. */
  contentType?: string;
}

export class EvidenceCollector {
  private readonly byId = new Map<string, Evidence>();

  /** Records the values behind the findings of one response. */
  add(findings: readonly Finding[], analysis: ResponseAnalysis): void {
    for (const finding of findings) {
      let evidence = this.byId.get(finding.id);
      if (!evidence) {
        evidence = { occurrences: 0, types: new Set(), values: new Map(), more: false };
        this.byId.set(finding.id, evidence);
      }
      evidence.occurrences += 1;
      // A response the spec gains is documented with the media type it came with.
      if (checkInfo(finding.check).suggests === "add-response")
        evidence.contentType ??= analysis.exchange.headers["content-type"];
      if (!analysis.parsed.ok) continue;
      // A missing key's pointer leads to no value; an undocumented status's pointer ("") to the whole body.
      const value = at(analysis.parsed.value as Json, finding.pointer);
      if (value === undefined) continue;
      evidence.types.add(jsonTypeOf(value));
      // A secret's values are never kept: a suggestion made from them would write them down.
      if (isSecretField(splitPointer(finding.pointer).at(-1) ?? "")) continue;
      const key = JSON.stringify(value);
      if (evidence.values.has(key)) continue;
      if (evidence.values.size < SAMPLE) evidence.values.set(key, value);
      else evidence.more = true;
    }
  }

  get(id: string): Evidence | undefined {
    return this.byId.get(id);
  }
}
