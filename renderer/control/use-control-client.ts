/** React bindings of the control client: the client itself, and the hub clock. */
import { useEffect, useState } from 'react';
import { ControlClient, type ControlRole } from './control-client';
import { useControl } from './control-store';

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

/** Hub time, re-rendered every `periodMs`. */
export function useHubNow(periodMs = 1000): number {
  const offset = useControl((s) => s.serverOffsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(t);
  }, [periodMs]);
  return now + offset;
}
