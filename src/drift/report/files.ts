/** The files a run writes beside its reports (the renderings' files are `REPORT_FILES`). */

/** The recording. */
export const HAR_FILE = "exchanges.har";

/** What `--suggest-spec` writes: the spec with every suggestion applied, and their list. */
export const SUGGESTION_FILES = { spec: "openapi.suggested.yaml", list: "spec-suggestions.md" } as const;
