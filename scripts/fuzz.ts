/** `npm run fuzz`: see src/cli/fuzz. */
import { runCommand } from "../src/cli/command";
import { fuzzCommand } from "../src/cli/fuzz";

runCommand(fuzzCommand);
