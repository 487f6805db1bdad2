/**
 * Heap measurements that mean something: taken after a full garbage collection, so what is left
 * is what is still referenced. `global.gc` only exists with `--expose-gc`; the flag can also be set
 * at run time, and a fresh context then hands out the function.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined;

function gcFunction(): () => void {
  if (collect) return collect;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") return (collect = existing);
  setFlagsFromString("--expose-gc");
  return (collect = runInNewContext("gc") as () => void);
}

/** Bytes of live heap after collecting garbage (a few rounds, letting finalizers and timers run between). */
export async function settledHeapBytes(): Promise<number> {
  const gc = gcFunction();
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}
