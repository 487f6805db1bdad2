/**
 * The package entry. A plain list of re-exports: each area adds its own lines.
 */
export * from "./client";
export * from "./drift";
