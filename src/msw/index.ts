/**
 * MSW handlers backed by an in-process mock (`createMock` from `./mock`): an app whose tests
 * already run MSW gets the stateful SIP endpoint API as one more set of handlers. This is the
 * package's `./msw` entry; `msw` is an optional peer dependency, loaded by this entry only.
 */
import { http, type HttpHandler } from "msw";
import { API_BASE_PATH, MockConfigError, type Mock } from "../mock";

export interface MswHandlersOptions {
  /**
   * The base URL the app's client uses, e.g. `https://example.signalwire.com/api/relay/rest`
   * (default: the mock's own `url`). Its path must end with the API's base path.
   */
  baseUrl?: string;
}

/** One handler for every request under the base URL, answered by `mock.fetch`. */
export function mswHandlers(mock: Pick<Mock, "fetch" | "url">, options: MswHandlersOptions = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? mock.url).replace(/\/+$/, "");
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new MockConfigError(`baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL`);
  }
  if (!parsed.pathname.endsWith(API_BASE_PATH))
    throw new MockConfigError(
      `baseUrl must end with the API's base path ${API_BASE_PATH}, e.g. https://example.signalwire.com${API_BASE_PATH}`,
    );
  return [http.all(`${baseUrl}/*`, ({ request }) => mock.fetch(request))];
}
