/**
 * The socket.io event maps of each namespace (a namespace is a role, ARCHITECTURE.md): what a
 * client may send on it and what the hub sends there. The hub types its namespaces with them
 * (hub/create-hub.ts) and every client its socket (the wall's feed worker, the control pages,
 * the wall agent of Electron main), so an event one side sends and the other does not handle
 * fails to compile. Payloads are still validated at every boundary with the schemas beside.
 */
import type { AlarmServerEvents } from '../alarms/alarm-record';
import type { WallAgentEvents, AdminToWallEvents } from './admin';
import type { ConfigServerEvents } from './config';
import type { ControlClientEvents, ControlServerEvents } from './control';
import type { FeedClientEvents, FeedServerEvents } from './feed';
import type { IngestClientEvents } from './ingest';
import type { OfficerClientEvents, OfficerServerEvents } from './officer';

/** Client → hub, per namespace. `control:command` is accepted on `/touch` and `/presenter` only (refused and audited elsewhere). */
export interface NamespaceClientEvents {
  wall: FeedClientEvents & ControlClientEvents;
  touch: FeedClientEvents & ControlClientEvents & OfficerClientEvents;
  presenter: FeedClientEvents & ControlClientEvents & OfficerClientEvents;
  /** A wall agent reports its screens; an operator's client asks for reloads and captures. */
  admin: FeedClientEvents & ControlClientEvents & WallAgentEvents & AdminToWallEvents;
  ingest: IngestClientEvents & ControlClientEvents;
}

/** Hub → client, per namespace: the feed, the control state and the configuration (`config.ts`) to every reader. */
export interface NamespaceServerEvents {
  wall: FeedServerEvents & ControlServerEvents & ConfigServerEvents & AlarmServerEvents;
  touch: FeedServerEvents & ControlServerEvents & ConfigServerEvents & AlarmServerEvents & OfficerServerEvents;
  presenter: FeedServerEvents & ControlServerEvents & ConfigServerEvents & AlarmServerEvents & OfficerServerEvents;
  /** Besides the feed, the hub relays reloads and captures to the wall agent that shows the screen. */
  admin: FeedServerEvents & ControlServerEvents & ConfigServerEvents & AlarmServerEvents & AdminToWallEvents;
  ingest: ControlServerEvents;
}

/** What every reading namespace (`/wall`, `/touch`, `/presenter`, `/admin`) has in common. */
export type ReaderClientEvents = FeedClientEvents & ControlClientEvents;
export type ReaderServerEvents = FeedServerEvents & ControlServerEvents & ConfigServerEvents & AlarmServerEvents;
