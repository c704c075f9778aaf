import { TriangleAlertIcon } from "lucide-react";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { PageMessage } from "@/components/layouts/page-message";
import { Button } from "@/components/ui/button";

/** Last line of defence for a crash while rendering a route: say so plainly and offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : null;

  return (
    <PageMessage
      title="Something went wrong"
      icon={<TriangleAlertIcon />}
      tone="destructive"
      description="This page hit an unexpected error. Reloading usually fixes it; if it keeps happening, tell your administrator what you were doing."
    >
      <Button onClick={() => window.location.reload()}>Reload page</Button>
      {detail && <p className="font-mono text-xs break-all text-muted-foreground">{detail}</p>}
    </PageMessage>
  );
}
