/** Small HTTP helpers the measurements share. */
import { basicAuthHeader } from "../redact";

export interface Credentials {
  projectId: string;
  apiToken: string;
}

export function requestHeaders(credentials: Credentials): Record<string, string> {
  return { authorization: basicAuthHeader(credentials.projectId, credentials.apiToken), accept: "application/json" };
}

/** GET that insists on a 200 and returns the body text; the bench cannot measure a server that answers otherwise. */
export async function getText(url: string, credentials: Credentials): Promise<string> {
  const response = await fetch(url, { headers: requestHeaders(credentials) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${new URL(url).pathname} answered ${response.status}`);
  return text;
}

/** The id of the newest endpoint of a seeded mock. */
export async function firstEndpointId(baseUrl: string, credentials: Credentials): Promise<string> {
  const page = JSON.parse(await getText(`${baseUrl}/endpoints/sip?page_size=1`, credentials)) as {
    data?: Array<{ id?: unknown }>;
  };
  const id = page.data?.[0]?.id;
  if (typeof id !== "string") throw new Error("the mock listed no endpoint");
  return id;
}
