/**
 * TEMPORARY test entry, until `renderer/App.tsx` routes `#/touch` and `#/presenter` (the wall
 * engineer owns App.tsx and wires them): the same router, with the touch panel and the
 * presenter mounted. `renderer-build.ts` swaps it in for `./App` of `renderer/main.tsx` in a
 * build of its own; delete both once App.tsx mounts the two components.
 */
import { createElement } from 'react';
import { App as WallApp } from '../../renderer/App';
import { Presenter } from '../../renderer/presenter/Presenter';
import { parseLocation } from '../../renderer/route';
import { pxPerMmFromHref } from '../../renderer/touch/touch-config';
import { TouchPanel } from '../../renderer/touch/TouchPanel';

export function App() {
  const { route, token, hub } = parseLocation(location.href);
  if (token && route.view === 'touch') return createElement(TouchPanel, { hub, token, pxPerMm: pxPerMmFromHref(location.href) });
  if (token && route.view === 'presenter') return createElement(Presenter, { hub, token });
  return createElement(WallApp);
}
