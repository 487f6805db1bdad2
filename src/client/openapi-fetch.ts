/**
 * openapi-fetch's `createClient`, whichever of its builds is loaded. Its ESM build has it as the
 * default export; its CommonJS build sets `exports.default` beside `__esModule`, and a CommonJS
 * consumer (this package's own CJS build, or an app bundled to CJS) gets that module object where
 * the function was imported. One check here instead of relying on each bundler's interop mode.
 */
import createClientExport from "openapi-fetch";

type CreateClient = typeof createClientExport;

export const createClient: CreateClient =
  typeof createClientExport === "function"
    ? createClientExport
    : (createClientExport as unknown as { default: CreateClient }).default;
