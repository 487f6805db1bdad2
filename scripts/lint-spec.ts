/** `npm run lint:spec`: see src/cli/lint-spec. */
import { runCommand } from "../src/cli/command";
import { lintSpecCommand } from "../src/cli/lint-spec";

runCommand(lintSpecCommand);
