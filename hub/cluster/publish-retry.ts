/**
 * A JetStream publish tried again, with the same message id, while the cluster does not answer
 * (issue 16): a NATS node lost, a stream leader being elected (503 "no responders" for a few
 * seconds, or a timeout when the ack was lost). The stream's de-duplication by message id (2 min
 * window) stores a retried message once: a publish stored before its ack was lost answers
 * `duplicate` with the first one's seq. A refusal (`wrong last sequence`, a bad subject) is not
 * tried again.
 */
import type { JetStreamClient, JetStreamPublishOptions, PubAck } from 'nats';

/** Each try's limit (a stored message is acknowledged in ms; an election takes seconds). */
const TRY_TIMEOUT_MS = 4000;

export function isRefusal(e: Error): boolean {
  return /wrong last sequence|wrong last msg id|maximum messages per subject|invalid|not found|permissions/i.test(e.message);
}

export async function publishRetrying(
  js: JetStreamClient,
  subject: string,
  data: Uint8Array,
  opts: Partial<JetStreamPublishOptions> & { msgID: string },
  retryMs: number,
  closing: () => boolean = () => false,
  onRetry?: (attempt: number, e: Error) => void,
): Promise<PubAck> {
  const until = Date.now() + retryMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await js.publish(subject, data, { timeout: TRY_TIMEOUT_MS, ...opts });
    } catch (e) {
      onRetry?.(attempt, e as Error);
      if (isRefusal(e as Error) || closing() || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, Math.min(1000, 100 * 2 ** attempt)));
    }
  }
}
