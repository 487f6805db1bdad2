import { startMockServer } from "./src/mock";
import { createSipEndpointsClient } from "./src/client";
(async () => {
  const mock = await startMockServer({ seedCount: 3, seed: 1, env: {} });
  const id = mock.endpoints()[0]!.id;
  const client = createSipEndpointsClient({ baseUrl: mock.url, projectId: mock.credentials.projectId, apiToken: mock.credentials.apiToken, env: {} });
  for (let i = 0; i < 8000; i++) await client.retrieve(id);
  await mock.close();
})();
