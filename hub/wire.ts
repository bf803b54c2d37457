/**
 * Encoding a feed payload once. socket.io encodes every emit on its own, once per namespace
 * (`JSON.stringify` of the whole payload, then a hunt for binary data in it), and the hub sends
 * the same delta to several namespaces: `/wall` and `/touch` share the public projection,
 * `/presenter` and `/admin` the full one, whose entities the durable log has already serialised
 * for its own row. `rememberJson(payload, json)` records the JSON text of a payload; the
 * encoder that `shareEncodings(io)` installs writes that text for any event whose only argument
 * is that payload (an object, by identity). The wire format is unchanged: the packet is the
 * very string socket.io's own encoder would produce. Payloads are never mutated once sent.
 */
import type { Server } from 'socket.io';

const known = new WeakMap<object, string>();

/** Records `json`, which must equal `JSON.stringify(payload)`, as the encoding of `payload`. */
export function rememberJson<T extends object>(payload: T, json: string): T {
  known.set(payload, json);
  return payload;
}

/** The JSON text of `payload`, serialised at most once. */
export function jsonOf(payload: object): string {
  let json = known.get(payload);
  if (json === undefined) known.set(payload, (json = JSON.stringify(payload)));
  return json;
}

/** socket.io-parser's packet as its encoder receives it. */
interface Packet {
  type: number;
  nsp?: string;
  data?: unknown;
  id?: number | null;
}
/** socket.io-parser's `PacketType.EVENT`. */
const EVENT = 2;

/**
 * Makes the server's encoder (shared by every namespace, adapter and client of `io`) use the
 * remembered JSON of a payload instead of encoding it again.
 */
export function shareEncodings(io: Server): void {
  const encoder = io.encoder as unknown as { encode(packet: Packet): unknown[] };
  const encode = encoder.encode.bind(encoder);
  encoder.encode = (packet: Packet) => {
    const data = packet.data;
    if (
      packet.type === EVENT &&
      (packet.id === undefined || packet.id === null) &&
      Array.isArray(data) &&
      data.length === 2 &&
      typeof data[0] === 'string' &&
      typeof data[1] === 'object' &&
      data[1] !== null
    ) {
      const json = known.get(data[1] as object);
      // Same layout as socket.io-parser's encodeAsString: type, "nsp," unless "/", then the data.
      if (json !== undefined) return [`${EVENT}${packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : ''}[${JSON.stringify(data[0])},${json}]`];
    }
    return encode(packet);
  };
}
