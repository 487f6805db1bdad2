/** `npm run gen`: see src/cli/gen. */
import { runCommand } from "../src/cli/command";
import { genCommand } from "../src/cli/gen";

runCommand(genCommand);
