import { startMockServer } from "./src/mock";
import { createClient } from "./src/client/openapi-fetch";
import { createSipEndpointsClient } from "./src/client";
(async () => {
  const mock = await startMockServer({ seedCount: 3, seed: 1, env: {} });
  const id = mock.endpoints()[0]!.id;
  const url = `${mock.url}/endpoints/sip/${id}`;
  const authorization = "Basic " + Buffer.from(mock.credentials.projectId + ":" + mock.credentials.apiToken).toString("base64");
  const headers = { authorization, accept: "application/json" };
  const of = createClient<any>({ baseUrl: mock.url, headers });
  const client = createSipEndpointsClient({ baseUrl: mock.url, projectId: mock.credentials.projectId, apiToken: mock.credentials.apiToken, env: {} });
  const variants: Record<string, () => Promise<unknown>> = {
    raw: async () => JSON.parse(await (await fetch(url, { headers })).text()),
    rawSignal: async () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 30000); const r = JSON.parse(await (await fetch(url, { headers, signal: c.signal, redirect: "manual" })).text()); clearTimeout(t); return r; },
    rawRequest: async () => JSON.parse(await (await fetch(new Request(url, { headers }))).text()),
    rawRebuild: async () => { const r = await fetch(url, { headers }); const t = await r.text(); return JSON.parse(await new Response(t, { status: r.status, headers: r.headers }).text()); },
    openapiFetch: async () => (await of.GET("/endpoints/sip/{id}", { params: { path: { id } } })).data,
    client: () => client.retrieve(id),
  };
  for (const round of [0, 1, 2]) {
    const line: string[] = [];
    for (const [name, call] of Object.entries(variants)) {
      for (let i = 0; i < 300; i++) await call();
      const t = performance.now();
      for (let i = 0; i < 2000; i++) await call();
      line.push(`${name} ${((performance.now() - t) / 2).toFixed(0)}`);
    }
    if (round > 0) console.log(line.join("  "));
  }
  await mock.close();
})();
