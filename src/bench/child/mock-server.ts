/**
 * Child process: our mock, seeded, on an ephemeral port. Reports its URL, credentials and how
 * long seeding took.
 */
import { startMockServer } from "../../mock";
import { onInit, onStop } from "./protocol";

interface Init {
  seedCount: number;
  seed: string;
}

export interface MockChildReady {
  url: string;
  credentials: { projectId: string; apiToken: string };
  start_ms: number;
}

onInit<Init, MockChildReady>(async ({ seedCount, seed }) => {
  const started = performance.now();
  // Its own demo credentials, never whatever SIGNALWIRE_* the environment holds.
  const mock = await startMockServer({ port: 0, seedCount, seed, env: {} });
  onStop(() => mock.close());
  return { url: mock.url, credentials: mock.credentials, start_ms: performance.now() - started };
}, "ready");
