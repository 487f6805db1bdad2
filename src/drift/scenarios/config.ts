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
}
