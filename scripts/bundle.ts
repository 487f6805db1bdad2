/** `npm run bundle`: see src/cli/bundle. */
import { bundleCommand } from "../src/cli/bundle";
import { runCommand } from "../src/cli/command";

runCommand(bundleCommand);
