/**
 * Shared encodings (wire.ts): a remembered payload goes out as the very packet socket.io's own
 * encoder writes, and only the payload that was remembered uses it.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { appeal } from '../test/support/hub-fixture';
import { jsonOf, rememberJson, shareEncodings } from './wire';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function encoders() {
  const plain = new Server(createServer());
  const shared = new Server(createServer());
  servers.push(plain, shared);
  shareEncodings(shared);
  return { plain: plain.encoder, shared: shared.encoder };
}

describe('shared encodings', () => {
  it('writes a remembered payload exactly as socket.io would', () => {
    const { plain, shared } = encoders();
    const delta = { epoch: 'e-1', seq: 7, upserts: [appeal({ text: 'строка с "кавычками"\n' })], removes: [], serverTime: 5 };
    jsonOf(delta);
    for (const nsp of ['/wall', '/presenter', '/']) {
      const packet = { type: 2, nsp, data: ['feed:delta', delta] };
      expect(shared.encode(packet)).toEqual(plain.encode(packet));
    }
  });

  it('uses the remembered text, and leaves every other packet to socket.io', () => {
    const { plain, shared } = encoders();
    const payload = rememberJson({ a: 1 }, '{"a":1,"remembered":true}');
    expect(shared.encode({ type: 2, nsp: '/wall', data: ['x', payload] })).toEqual(['2/wall,["x",{"a":1,"remembered":true}]']);
    const others = [
      { type: 2, nsp: '/wall', data: ['x', { a: 1 }] }, // same content, another object
      { type: 2, nsp: '/wall', data: ['x', payload], id: 3 }, // with an ack id
      { type: 2, nsp: '/wall', data: ['x', payload, 2] }, // more than one argument
      { type: 3, nsp: '/wall', data: [payload], id: 4 }, // an ack
      { type: 2, nsp: '/admin', data: ['screen:capture', { png: Buffer.from([1, 2, 3]) }] }, // binary
    ];
    for (const p of others) expect(shared.encode(p)).toEqual(plain.encode(p));
  });
});
