import { LoaderCircleIcon, WifiOffIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { useConnectionState } from "@/lib/realtime/realtime-provider";

/** Reconnecting or offline, once it has lasted long enough to matter: the browser's own quick retries stay silent. */
function useLastingInterruption(delayMs: number) {
  const state = useConnectionState();
  const interrupted = state === "reconnecting" || state === "offline";
  const [lasting, setLasting] = useState(false);
  useEffect(() => {
    if (!interrupted) return;
    const timer = setTimeout(() => setLasting(true), delayMs);
    return () => {
      clearTimeout(timer);
      setLasting(false);
    };
  }, [interrupted, delayMs]);
  return interrupted && lasting ? state : null;
}

/** A quiet note in the top bar while live updates are paused. */
function LiveStatus({ delayMs = 4_000 }: { delayMs?: number }) {
  const interruption = useLastingInterruption(delayMs);
  if (!interruption) return null;
  const offline = interruption === "offline";
  const Icon = offline ? WifiOffIcon : LoaderCircleIcon;
  return (
    <span
      role="status"
      title={
        offline
          ? "You're offline. Live updates resume when the connection is back."
          : "Live updates are paused while the app reconnects to the server."
      }
      className="flex size-7 items-center justify-center gap-1.5 rounded-full border bg-background text-xs font-medium text-muted-foreground sm:w-auto sm:px-2.5"
    >
      <Icon
        aria-hidden="true"
        className={offline ? "size-3.5" : "size-3.5 animate-[spin_2s_linear_infinite] text-warning"}
      />
      <span className="sr-only sm:not-sr-only">{offline ? "Offline" : "Reconnecting…"}</span>
    </span>
  );
}

export { LiveStatus };
