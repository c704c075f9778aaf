import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { invitationFromHash, invitationFromState, type Invitation } from "../utils/invitation";

/**
 * The invitation in a registration link (`/register#token=…&email=…`). The fragment is taken out of the
 * address bar at once, so it is not shared, bookmarked or synced; it moves into this tab's history state,
 * which keeps it across a reload.
 */
export function useInvitation(): Invitation | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [invitation] = useState(() => invitationFromHash(location.hash) ?? invitationFromState(location.state));

  const hasFragment = location.hash !== "";
  useEffect(() => {
    if (!hasFragment) return;
    void navigate(
      { pathname: location.pathname, search: location.search, hash: "" },
      { replace: true, state: invitation ? { invitation } : location.state },
    );
  }, [hasFragment, invitation, location.pathname, location.search, location.state, navigate]);

  return invitation;
}
