import { useEffect, useState } from 'react';

/** Current time, re-rendered every `periodMs`, shifted to the hub's clock by `offsetMs`. */
export function useNow(offsetMs: number, periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(t);
  }, [periodMs]);
  return now + offsetMs;
}
