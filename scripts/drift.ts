/** `npm run drift`: the drift command of src/cli/drift, refusing to run on a spec newer than generated/. */
import { runCommand } from "../src/cli/command";
import { driftCommand } from "../src/cli/drift";
import { staleGenerated } from "../src/cli/repository";

runCommand(driftCommand("npm run drift --", { precondition: () => staleGenerated() }));
