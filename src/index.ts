/**
 * The package entry: the typed client, its errors and its types, and nothing else. The mock and
 * the drift engine are the `./mock` and `./drift` subpath exports, so an app that only talks to
 * the API loads neither (nor YAML, nor the linter; the validators only with validation on).
 */
export * from "./client";
