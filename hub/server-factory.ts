/**
 * The hub's listening server: plain HTTP (+ ws), or HTTPS (+ wss) when a certificate and its
 * key are given (`--tls-cert FILE --tls-key FILE`). One request handler either way; socket.io
 * attaches to whichever server this returns.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';

/** PEM contents of the certificate (chain) and its private key. */
export interface TlsMaterial {
  cert: string;
  key: string;
}

/** A certificate or key file that cannot be used; the message names the file and why. */
export class TlsFileError extends Error {}

const CERT_RE = /-----BEGIN CERTIFICATE-----/;
const KEY_RE = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

function readPem(flag: string, file: string, re: RegExp, ru: string, en: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TlsFileError(`${flag} ${file}: не удалось прочитать / cannot read: ${(e as Error).message}`);
  }
  if (!re.test(text)) throw new TlsFileError(`${flag} ${file}: нет ${ru} в формате PEM / no PEM ${en} in the file`);
  return text;
}

/**
 * Reads `--tls-cert` and `--tls-key` and checks that they make a usable TLS context (both PEM,
 * the key unencrypted and matching the certificate). Throws {@link TlsFileError} with a message
 * naming the file otherwise.
 */
export function loadTlsFiles(certFile: string, keyFile: string): TlsMaterial {
  const cert = readPem('--tls-cert', certFile, CERT_RE, 'сертификата', 'certificate');
  const key = readPem('--tls-key', keyFile, KEY_RE, 'закрытого ключа', 'private key');
  if (/ENCRYPTED/.test(key)) {
    throw new TlsFileError(`--tls-key ${keyFile}: ключ зашифрован паролем / the key is encrypted (give an unencrypted key, readable only by the hub's user)`);
  }
  try {
    createSecureContext({ cert, key });
  } catch (e) {
    throw new TlsFileError(
      `--tls-cert ${certFile} / --tls-key ${keyFile}: сертификат и ключ не подходят друг к другу или повреждены / certificate and key do not match or are invalid: ${(e as Error).message}`,
    );
  }
  return { cert, key };
}

/**
 * The server for `handler`: `https` with `tls`, else `http`. Typed as `http.Server` (an
 * `https.Server` is one, for socket.io and `listen`).
 */
export function createHubServer(handler: RequestListener, tls?: TlsMaterial): HttpServer {
  return tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
}
