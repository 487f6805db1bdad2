/** Load testing of the mock through the client: `runSoak` returns figures, `formatSoak` renders them. */
export { runSoak } from "./soak";
export { formatSoak } from "./report";
