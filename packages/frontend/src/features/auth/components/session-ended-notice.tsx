import { LogOutIcon } from "lucide-react";
import { useEffect } from "react";
import { useLocation } from "react-router";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { useSessionActions } from "./auth-provider";

/** On the sign-in page after a session ended under the person: why they are here. */
function SessionEndedNotice() {
  const location = useLocation();
  const { acknowledgeSessionEnded } = useSessionActions();
  const ended = (location.state as { sessionEnded?: unknown } | null)?.sessionEnded === true;

  // Arriving here is the acknowledgement; the redirect must not fire again if the person browses on.
  useEffect(() => acknowledgeSessionEnded(), [acknowledgeSessionEnded]);

  if (!ended) return null;
  return (
    <Alert variant="warning">
      <LogOutIcon aria-hidden="true" />
      <AlertTitle>You've been signed out</AlertTitle>
      <AlertDescription>
        <p>Your session has ended. Sign in again to continue.</p>
      </AlertDescription>
    </Alert>
  );
}

export { SessionEndedNotice };
