/** Load testing of the mock through the client: `runSoak` returns figures, `formatSoak` renders them. */
export { runSoak, type SoakOptions, type SoakReport, type SoakOperation } from "./soak";
export { formatSoak } from "./report";
export { settledHeapBytes } from "./memory";
