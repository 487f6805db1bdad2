/** Timers the process holds open right now: a count taken before and after shows one left behind. */
export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;
}
