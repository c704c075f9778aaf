import { CompassIcon } from "lucide-react";
import { Link, useLocation } from "react-router";
import { PageMessage } from "@/components/layouts/page-message";
import { Button } from "@/components/ui/button";

export function NotFoundRoute() {
  const { pathname } = useLocation();

  return (
    <PageMessage
      title="Page not found"
      icon={<CompassIcon />}
      eyebrow={<p className="font-mono text-sm font-medium text-primary">404</p>}
      description={
        <>
          Nothing lives at{" "}
          <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs break-all text-foreground">{pathname}</code>
          . It may have moved, or the link may be mistyped.
        </>
      }
    >
      <Button asChild>
        <Link to="/">Back to home</Link>
      </Button>
    </PageMessage>
  );
}
