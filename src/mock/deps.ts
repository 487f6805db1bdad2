import type { IdSource } from "./random";
import type { EndpointStore } from "./store";
import type { Credentials, MockRequest } from "./types";
import type { RequestValidator } from "./validation";

/** Everything the honest core works with; a fault profile may swap one of them (never add a branch). */
export interface CoreDeps {
  store: EndpointStore;
  credentials: Credentials;
  newId: IdSource;
  validator: RequestValidator;
  /** Absolute URL of the API base as the request's client reached it; list links start with it. */
  publicUrl: (request: MockRequest) => string;
}
