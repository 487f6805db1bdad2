#!/usr/bin/env node
/** The `sip-endpoints-drift` bin: the same command as `npm run drift`. */
import { runCommand } from "../cli/command";
import { driftCommand } from "../cli/drift";

runCommand(driftCommand("sip-endpoints-drift"));
