/** The `--fault NAME` option of the mock, fuzz, soak and drift commands: one of the mock's fault profiles. */
import { FAULT_NAMES } from "../mock";

export function faultOption<const H extends string>(help: H) {
  return { kind: "choice", choices: FAULT_NAMES, value: "NAME", help } as const;
}
