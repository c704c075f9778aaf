import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { tokenFromHash } from "./link-token";

/**
 * The token of the email link that opened this page (`#token=…`). It is taken out of the address bar at once,
 * so it is not bookmarked, shared or synced, and kept in memory only: a reload forgets it.
 */
export function useLinkToken(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash(location.hash));

  const hasFragment = location.hash !== "";
  useEffect(() => {
    if (!hasFragment) return;
    void navigate({ pathname: location.pathname, search: location.search, hash: "" }, { replace: true });
  }, [hasFragment, location.pathname, location.search, navigate]);

  return token;
}
