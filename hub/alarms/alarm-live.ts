/**
 * Publishes the alarm records to every reading client (issue 15, `app/alarms/alarm-record.ts`):
 * `alarms:state {rev, serverTime, active}` on connect and after every change of the store
 * (changes in one tick go out as one message, at most one every 200 ms). Wall agents on `/admin`
 * get none.
 */
import type { Namespace, Server } from 'socket.io';
import type { AlarmsState } from '../../app/alarms/alarm-record';
import { READING_ROLES } from '../../app/protocol/feed';
import type { ReaderClientEvents, ReaderServerEvents } from '../../app/protocol/namespaces';
import { grantOf } from '../create-hub';
import { isAgent } from '../tokens';
import type { AlarmStore } from './alarm-store';

const ALARMS_ROOM = 'alarms';
/** The least time between two `alarms:state` broadcasts. */
const MIN_INTERVAL_MS = 200;

export function alarmsState(store: AlarmStore, now: number): AlarmsState {
  return { rev: store.rev, serverTime: now, active: store.active().slice(0, 500) };
}

/** Attaches the publishing to the reading namespaces of `io`; returns the stop function. */
export function attachAlarmLive(io: Server, store: AlarmStore, now: () => number): () => void {
  const namespaces = READING_ROLES.map((role): Namespace<ReaderClientEvents, ReaderServerEvents> => io.of(`/${role}`));
  for (const nsp of namespaces) {
    nsp.on('connection', (socket) => {
      if (isAgent(grantOf(socket))) return;
      void socket.join(ALARMS_ROOM);
      socket.emit('alarms:state', alarmsState(store, now()));
    });
  }
  // Changes in one tick go out as one message, and at most one message every MIN_INTERVAL_MS:
  // a cluster node applies the other nodes' operations one stream message at a time (a burst of
  // hundreds of raises after a big ingest), and each message is up to 500 records to every screen.
  let queued = false;
  let lastSent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const send = (): void => {
    queued = false;
    timer = null;
    lastSent = performance.now();
    const state = alarmsState(store, now());
    for (const nsp of namespaces) nsp.to(ALARMS_ROOM).emit('alarms:state', state);
  };
  const off = store.onChange(() => {
    if (queued) return;
    queued = true;
    const wait = lastSent + MIN_INTERVAL_MS - performance.now();
    if (wait <= 0) queueMicrotask(send);
    else timer = setTimeout(send, wait);
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
