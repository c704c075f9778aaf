import { CircleAlertIcon, ClockIcon, WifiOffIcon } from "lucide-react";
import type * as React from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { ApiClientError } from "@/lib/api-client";
import { rateLimitMessage } from "@/lib/retry-after";

type ErrorAlertProps = {
  error: unknown;
  /** Headings for the error codes this form expects, e.g. `{ invalid_credentials: "Couldn't sign you in" }`. */
  titles?: Record<string, string>;
  /** The way on for the error codes that have one, e.g. `{ forbidden: <Link to="/waitlist">…</Link> }`. */
  actions?: Record<string, React.ReactNode>;
};

/** A failed request as a heading and a sentence (forms show the errors of their fields under those instead). */
function ErrorAlert({ error, titles = {}, actions = {} }: ErrorAlertProps) {
  if (!error) return null;
  const apiError = error instanceof ApiClientError ? error : null;
  const rateLimited = rateLimitMessage(error);
  const unreachable = apiError?.code === "network_error";

  const Icon = rateLimited ? ClockIcon : unreachable ? WifiOffIcon : CircleAlertIcon;
  const title = rateLimited
    ? "Too many attempts"
    : unreachable
      ? "Can't reach the server"
      : ((apiError && titles[apiError.code]) ?? "Something went wrong");
  const description = rateLimited ?? (error instanceof Error ? error.message : "Try again in a moment.");
  const otherMessages = apiError ? Object.values(apiError.fieldErrors).flat() : [];
  const action = apiError && actions[apiError.code];

  return (
    <Alert variant={rateLimited ? "warning" : "destructive"}>
      <Icon aria-hidden="true" />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>{description}</p>
        {otherMessages.length > 0 && (
          <ul className="ml-4 list-disc">
            {otherMessages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        {action && <div className="mt-2">{action}</div>}
      </AlertDescription>
    </Alert>
  );
}

export { ErrorAlert };
