/** The files a run writes beside its reports (the renderings' files are `REPORT_FILES`). */

/** The recording. */
export const HAR_FILE = "exchanges.har";

/** What `--suggest-spec` writes: the spec with every suggestion applied, and their list. */
export const SUGGESTION_FILES = { spec: "openapi.suggested.yaml", list: "spec-suggestions.md" } as const;

/** What those files hold, for the README's table of a run's files. */
export const OTHER_RUN_FILES = [
  { file: HAR_FILE, holds: "the recording (HAR 1.2), bounded, for a browser's dev tools or `--replay`" },
  {
    file: SUGGESTION_FILES.spec,
    holds: "with `--suggest-spec`: the spec with every suggested change applied, comments and layout kept",
  },
  {
    file: SUGGESTION_FILES.list,
    holds: "with `--suggest-spec`: each change as a sentence and a JSON Patch, and the commands that check and take it",
  },
] as const;
