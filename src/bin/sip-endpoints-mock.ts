#!/usr/bin/env node
/** The `sip-endpoints-mock` bin: the same command as `npm run mock`. */
import { runCommand } from "../cli/command";
import { mockCommand } from "../cli/mock";

runCommand(mockCommand("sip-endpoints-mock"));
