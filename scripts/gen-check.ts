/** `npm run gen:check`: see src/cli/gen. */
import { runCommand } from "../src/cli/command";
import { genCheckCommand } from "../src/cli/gen";

runCommand(genCheckCommand);
