import type { IdSource } from "./random";
import type { EndpointStore } from "./store";
import type { Credentials } from "./types";
import type { RequestValidator } from "./validation";

/** Everything the honest core works with; a fault profile may swap one of them (never add a branch). */
export interface CoreDeps {
  store: EndpointStore;
  credentials: Credentials;
  newId: IdSource;
  validator: RequestValidator;
  /** Absolute URL of the API base (`http://127.0.0.1:4010/api/relay/rest`); list links start with it. */
  publicUrl: string;
}
