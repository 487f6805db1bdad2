/** `npm run mock`: the mock command of src/cli/mock. */
import { mockCommand } from "../src/cli/mock";
import { runCommand } from "../src/cli/command";

runCommand(mockCommand("npm run mock --"));
