/** `npm run drift`: the drift command of src/cli/drift. */
import { runCommand } from "../src/cli/command";
import { driftCommand } from "../src/cli/drift";

runCommand(driftCommand("npm run drift --"));
