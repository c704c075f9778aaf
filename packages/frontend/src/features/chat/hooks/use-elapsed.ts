import { useEffect, useState } from "react";

/** Milliseconds since `startIso`, ticking each second while `running`; up to `endIso` once it has one. */
export function useElapsed(startIso: string, endIso: string | null, running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const end = endIso ? Date.parse(endIso) : now;
  return Math.max(0, end - Date.parse(startIso));
}
