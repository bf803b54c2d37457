/**
 * Pushes the configuration to every reading client (issue 12; `app/protocol/config.ts`):
 * `config:state` and the documents above version 1 on connect, `config:state` and the changed
 * document after every save or rollback. Readers join the `config` room of their namespace;
 * wall agents on `/admin` do not (they read nothing). The public projection and
 * `GET /api/v1/organisations` read the store's current `organisations`, `topics` and `sectors`
 * from then on (`setPublicReference`).
 */
import type { Namespace, Server } from 'socket.io';
import { CONFIG_NAMES, publicConfigBody } from '../app/config/documents';
import { READING_ROLES } from '../app/protocol/feed';
import type { ReaderClientEvents, ReaderServerEvents } from '../app/protocol/namespaces';
import type { ConfigStore } from './config-store';
import { grantOf } from './create-hub';
import { setPublicReference } from './projection';
import { isAgent } from './tokens';

const CONFIG_ROOM = 'config';

/** Attaches the push to the reading namespaces of `io` (after `createHub` made them). */
export function attachConfigLive(io: Server, store: ConfigStore): void {
  setPublicReference(() => ({ orgs: store.orgDirectory(), topics: store.topicList(), sectors: store.bodies().sectors }));
  // Typed by the reading namespaces' event maps (app/protocol/namespaces.ts), as create-hub.ts types them.
  const namespaces = READING_ROLES.map((role): Namespace<ReaderClientEvents, ReaderServerEvents> => io.of(`/${role}`));
  for (const nsp of namespaces) {
    nsp.on('connection', (socket) => {
      if (isAgent(grantOf(socket))) return;
      void socket.join(CONFIG_ROOM);
      socket.emit('config:state', store.state());
      for (const name of CONFIG_NAMES) {
        const v = store.latest(name);
        if (v.version === 1) continue;
        socket.emit('config:doc', { name: v.name, version: v.version, body: publicConfigBody(v.name, v.body) });
      }
    });
  }
  store.onChange((v) => {
    const state = store.state();
    for (const nsp of namespaces) {
      nsp.to(CONFIG_ROOM).emit('config:state', state);
      nsp.to(CONFIG_ROOM).emit('config:doc', { name: v.name, version: v.version, body: publicConfigBody(v.name, v.body) });
    }
  });
}
