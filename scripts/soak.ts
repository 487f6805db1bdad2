/** `npm run soak`: see src/cli/soak. */
import { runCommand } from "../src/cli/command";
import { soakCommand } from "../src/cli/soak";

runCommand(soakCommand);
