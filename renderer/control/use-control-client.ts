/** React binding of the control client (the hub clock is `state/clock-store.ts`'s `useHubNow`). */
import { useEffect, useState } from 'react';
import { ControlClient, type ControlRole } from './control-client';

/** One control client for the page's lifetime (per hub, token and role). */
export function useControlClient(hub: string, token: string, role: ControlRole): ControlClient | null {
  const [client, setClient] = useState<ControlClient | null>(null);
  useEffect(() => {
    const c = new ControlClient({ hub, token, role });
    setClient(c);
    return () => {
      c.close();
      setClient(null);
    };
  }, [hub, token, role]);
  return client;
}
