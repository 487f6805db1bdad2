/** `npm run test:node -- MAJOR`: see src/cli/test-node. */
import { runCommand } from "../src/cli/command";
import { testNodeCommand } from "../src/cli/test-node";

runCommand(testNodeCommand);
