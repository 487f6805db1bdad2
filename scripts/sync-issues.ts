/** `npm run sync-issues`: see src/cli/sync-issues. */
import { runCommand } from "../src/cli/command";
import { syncIssuesCommand } from "../src/cli/sync-issues";

runCommand(syncIssuesCommand("npm run sync-issues --"));
