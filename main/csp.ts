/**
 * The Content-Security-Policy main adds to every response the windows receive (Electron
 * security checklist: "define a CSP"). Main adds it rather than trusting the hub to, so a
 * misconfigured proxy in front of the hub cannot loosen it. The policy itself lives in
 * app/protocol/csp.ts: the hub sends the same one to browser-mode walls.
 */

export { buildCsp, wsOriginOf } from '../app/protocol/csp';

/**
 * Response headers with our policy added. A policy the hub already sent is kept: the browser
 * enforces every policy it receives, so adding ours can only tighten, never loosen.
 */
export function withCspHeader(headers: Readonly<Record<string, string[]>> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = { ...headers };
  const key = Object.keys(out).find((k) => k.toLowerCase() === 'content-security-policy') ?? 'Content-Security-Policy';
  out[key] = [...(out[key] ?? []), csp];
  return out;
}
