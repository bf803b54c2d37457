/**
 * NATS credentials and TLS of the hub's `--log` connection, from the environment (kept out of
 * the command line, where `ps` shows them): CUR_NATS_TOKEN, or CUR_NATS_USER + CUR_NATS_PASS;
 * CUR_NATS_CA (CA file: the servers' certificates are checked against it), CUR_NATS_CERT +
 * CUR_NATS_KEY (a client certificate, when the servers ask for one). docs/deploy/cluster.md.
 */
import { existsSync } from 'node:fs';
import type { ConnectionOptions } from 'nats';

export function natsConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ConnectionOptions> {
  const out: Partial<ConnectionOptions> = {};
  if (env.CUR_NATS_TOKEN) out.token = env.CUR_NATS_TOKEN;
  if (env.CUR_NATS_USER) {
    out.user = env.CUR_NATS_USER;
    out.pass = env.CUR_NATS_PASS ?? '';
  }
  const files = { caFile: env.CUR_NATS_CA, certFile: env.CUR_NATS_CERT, keyFile: env.CUR_NATS_KEY };
  for (const [k, f] of Object.entries(files))
    if (f && !existsSync(f)) throw new Error(`${k === 'caFile' ? 'CUR_NATS_CA' : k === 'certFile' ? 'CUR_NATS_CERT' : 'CUR_NATS_KEY'} ${f}: no such file`);
  if (files.caFile || files.certFile)
    out.tls = { ...(files.caFile && { caFile: files.caFile }), ...(files.certFile && { certFile: files.certFile, keyFile: files.keyFile }) };
  return out;
}

/**
 * CUR_NATS_KEEP: changes the stream keeps before the stored checkpoint (older ones are purged
 * once a checkpoint is written; docs/deploy/cluster.md). Unset: the default (100,000, the deltas a
 * node keeps for resumes); `off`: the stream is never trimmed.
 */
export function natsKeepFromEnv(env: NodeJS.ProcessEnv = process.env): number | null | undefined {
  const v = env.CUR_NATS_KEEP?.trim();
  if (v === undefined || v === '') return undefined;
  if (v === 'off') return null;
  if (!/^\d{1,9}$/.test(v)) throw new Error(`CUR_NATS_KEEP: expected a number of changes (0 or more) or "off", got "${v}"`);
  return Number(v);
}
