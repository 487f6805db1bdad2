/** `npm run bundle:check`: see src/cli/bundle. */
import { bundleCheckCommand } from "../src/cli/bundle";
import { runCommand } from "../src/cli/command";

runCommand(bundleCheckCommand);
