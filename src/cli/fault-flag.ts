/** A `--fault NAME` value of the mock, fuzz and soak commands: a profile name, or a usage error listing them. */
import { FAULT_NAMES, isFaultName, type FaultName } from "../mock";
import { UsageError } from "./command";

export function faultFlag(value: string | undefined, flag = "--fault"): FaultName | undefined {
  if (value === undefined) return undefined;
  if (!isFaultName(value))
    throw new UsageError(`unknown fault "${value}" for ${flag}; known faults: ${FAULT_NAMES.join(", ")}`);
  return value;
}
