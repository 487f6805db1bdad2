/**
 * The dispatchers that carry requests through the environment's proxies: one undici `ProxyAgent`
 * per proxy server, made on first use. Both wires route through them — undici's `request` and the
 * runtime's `fetch`, whose `dispatcher` option Node documents for any undici-compatible dispatcher.
 */
import type { Dispatcher } from "undici";
import { proxyFor, type ProxyServer, type ProxySettings } from "./proxy";

type Undici = typeof import("undici");

/**
 * Named, not written as a literal import: a bundler then leaves the import to run time instead of
 * inlining undici (whose CommonJS build cannot run inside an ESM bundle).
 */
const UNDICI: string = "undici";

export function loadUndici(): Promise<Undici> {
  return import(UNDICI) as Promise<Undici>;
}

/** The dispatcher for a target URL, or undefined where no proxy applies (the default one serves). */
export type DispatcherFor = (url: string) => Dispatcher | undefined;

export function proxyDispatchers(undici: Undici, proxies: ProxySettings | undefined): DispatcherFor {
  if (!proxies) return () => undefined;
  const tunnels = new Map<ProxyServer, Dispatcher>();
  return (url) => {
    const proxy = proxyFor(proxies, new URL(url));
    if (!proxy) return undefined;
    let agent = tunnels.get(proxy);
    if (!agent) {
      // Always a CONNECT tunnel, plain http:// targets included: the proxy sees host and port only.
      agent = new undici.ProxyAgent({ uri: proxy.origin, token: proxy.authorization, proxyTunnel: true });
      tunnels.set(proxy, agent);
    }
    return agent;
  };
}
