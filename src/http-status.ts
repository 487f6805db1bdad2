/** A 2xx: the one test of success, shared by the client, the checks and the drift scenarios. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
