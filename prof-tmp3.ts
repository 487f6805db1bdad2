import { createSipEndpointsClient } from "./src/client";
import { createClient } from "./src/client/openapi-fetch";
(async () => {
  const env = { SIGNALWIRE_BASE_URL: "http://127.0.0.1:4999/api/relay/rest", SIGNALWIRE_PROJECT_ID: process.env.P!, SIGNALWIRE_API_TOKEN: process.env.T! };
  const client = createSipEndpointsClient({ env });
  const page = await client.list();
  const id = page.data[0]!.id;
  const headers = { authorization: "Basic " + Buffer.from(env.SIGNALWIRE_PROJECT_ID + ":" + env.SIGNALWIRE_API_TOKEN).toString("base64") };
  const of = createClient<any>({ baseUrl: env.SIGNALWIRE_BASE_URL, headers });
  const mode = process.argv[2];
  const n = 6000;
  const t = performance.now(); const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) mode === "of" ? await of.GET("/endpoints/sip/{id}", { params: { path: { id } } }) : await client.retrieve(id);
  const c = process.cpuUsage(c0);
  console.log(mode, ((performance.now() - t) * 1000 / n).toFixed(0), "µs wall", ((c.user + c.system) / n).toFixed(0), "µs cpu");
})();
