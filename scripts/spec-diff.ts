/** `npm run spec:diff`: see src/cli/spec-diff. */
import { runCommand } from "../src/cli/command";
import { specDiffCommand } from "../src/cli/spec-diff";

runCommand(specDiffCommand);
