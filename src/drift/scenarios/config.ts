import type { DriftCredentials } from "../types";

/** What every scenario needs to know about the run. */
export interface ScenarioConfig {
  baseUrl: string;
  /** Credentials that are well-formed but cannot be valid for the target (for the auth probes). */
  wrongCredentials: DriftCredentials;
  /** Page size of the full walk. */
  pageSize: number;
  /** Upper bound of pages any one walk reads. */
  maxPages: number;
  /** How many listed endpoints are retrieved one by one. */
  sampleSize: number;
  /** `drift-<run id>-`: the only usernames a read-write run ever updates or deletes. */
  prefix: string;
  /** Values given for the companion fields of the create bodies (`--fixture`). */
  fixtures: Readonly<Record<string, string>>;
  /**
   * Whether references to other resources of the Space may be made up: against the mock, which
   * checks none. Against a Space only given ones and ones its endpoints show are sent.
   */
  inventReferences: boolean;
}
