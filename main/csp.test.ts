import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildCsp, withCspHeader, wsOriginOf } from './csp';

/** The untyped CommonJS evaluator, typed for what the test uses. */
interface CspEvaluatorModule {
  CspParser: new (csp: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: number) => { evaluate(): Array<{ severity: number; directive: string; description: string }> };
  Version: { CSP3: number };
  severities: { HIGH: number; MEDIUM: number };
}
const { CspEvaluator, CspParser, Version, severities } = createRequire(import.meta.url)('@doyensec/csp-evaluator') as CspEvaluatorModule;

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

describe('buildCsp', () => {
  it('allows scripts only from the hub itself and connections to the hub over http and ws', () => {
    const d = directives(buildCsp('http://127.0.0.1:8400'));
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:8400', 'ws://127.0.0.1:8400']);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(d.get('font-src')).toEqual(["'self'", 'data:']);
    for (const k of ['object-src', 'base-uri', 'frame-ancestors', 'form-action']) expect(d.get(k), k).toEqual(["'none'"]);
  });

  it('uses wss for an https hub and never allows eval', () => {
    const csp = buildCsp('https://cur.example');
    expect(directives(csp).get('connect-src')).toEqual(["'self'", 'https://cur.example', 'wss://cur.example']);
    expect(csp).not.toMatch(/unsafe-eval/);
  });

  it('wsOriginOf refuses a non-http origin', () => {
    expect(wsOriginOf('http://h:1')).toBe('ws://h:1');
    expect(() => wsOriginOf('file:///x')).toThrow();
  });
});

describe('withCspHeader', () => {
  it('adds the policy and keeps a policy the hub sent (both are enforced)', () => {
    expect(withCspHeader(undefined, 'P')).toEqual({ 'Content-Security-Policy': ['P'] });
    const h = withCspHeader({ 'content-security-policy': ["default-src 'none'"], 'content-type': ['text/html'] }, 'P');
    expect(h).toEqual({ 'content-security-policy': ["default-src 'none'", 'P'], 'content-type': ['text/html'] });
  });
});

describe('buildCsp through the evaluator Electronegativity uses (@doyensec/csp-evaluator)', () => {
  // Electronegativity cannot see this policy (it is built at runtime from the hub's origin), so
  // its CSP_GLOBAL_CHECK is excluded in the gate and the same evaluator runs here instead.
  const findings = (csp: string) => new CspEvaluator(new CspParser(csp).csp, Version.CSP3).evaluate();

  it('finds nothing of high or medium severity for an https hub', () => {
    const serious = findings(buildCsp('https://cur-hub.example:8400')).filter((f) => f.severity <= severities.MEDIUM);
    expect(serious.map((f) => `${f.directive}: ${f.description}`)).toEqual([]);
  });

  it('for a plain-http hub (loopback, development) asks only for https on connect-src', () => {
    const serious = findings(buildCsp('http://127.0.0.1:8400')).filter((f) => f.severity <= severities.MEDIUM);
    expect(serious.map((f) => f.directive)).toEqual(['connect-src']);
  });
});
