/** React binding of the control client (the hub clock is `state/clock-store.ts`'s `useHubNow`). */
import { useEffect, useState } from 'react';
import { hubList } from '../feed/hub-list';
import { pageParams } from '../route';
import { ControlClient, type ControlRole } from './control-client';

/**
 * One control client for the page's lifetime (per hub, token and role). It may use every hub
 * node of the page's `hub` parameter (`?hub=A,B,C`), starting at `hub` (issue 16).
 */
export function useControlClient(hub: string, token: string, role: ControlRole): ControlClient | null {
  const [client, setClient] = useState<ControlClient | null>(null);
  useEffect(() => {
    const hubs = hubList(hub, typeof location === 'undefined' ? null : pageParams(location.href).get('hub'));
    const c = new ControlClient({ hub, hubs, token, role });
    setClient(c);
    return () => {
      c.close();
      setClient(null);
    };
  }, [hub, token, role]);
  return client;
}
