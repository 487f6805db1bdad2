/**
 * Which spec a report was judged against: the file and the hash of the text that the validators
 * were generated from, so a report can never name a newer spec than the one that judged it.
 */
import { specFacts } from "../spec/facts";

export function specInfo(): { path: string; sha256: string } {
  return { path: specFacts.source, sha256: specFacts.sha256 };
}
