/** har-schema ships JSON Schemas (draft-06) of the HAR format and no types: one schema per part of a HAR. */
declare module "har-schema" {
  const schemas: Record<string, Record<string, unknown>>;
  export = schemas;
}
