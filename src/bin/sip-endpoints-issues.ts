#!/usr/bin/env node
/** The `sip-endpoints-issues` bin: the same command as `npm run sync-issues`. */
import { runCommand } from "../cli/command";
import { syncIssuesCommand } from "../cli/sync-issues";

runCommand(syncIssuesCommand("sip-endpoints-issues"));
