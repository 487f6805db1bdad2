/** `npm run bench`: see src/cli/bench. */
import { runCommand } from "../src/cli/command";
import { benchCommand } from "../src/cli/bench";

runCommand(benchCommand);
