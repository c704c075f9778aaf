import type { DataExport } from "@chat3d/shared";
import { ArchiveIcon, DownloadIcon } from "lucide-react";
import { ErrorAlert } from "@/components/error-alert";
import { EmailSent } from "@/components/email-sent";
import { ListPanel } from "@/components/list/list-panel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PendingButton } from "@/components/ui/pending-button";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime } from "@/lib/format-time";
import { dataExportUrl, useDataExports, useRequestDataExport } from "../api/data-exports";

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function ExportRow({ item }: { item: DataExport }) {
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:flex-nowrap sm:px-6">
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          Export of <time dateTime={item.created_at}>{formatDateTime(item.created_at)}</time>
        </p>
        <p className="text-xs text-muted-foreground">
          {item.status === "ready" && item.bytes !== null ? `${size(item.bytes)} · ` : ""}
          Available until <time dateTime={item.expires_at}>{formatDateTime(item.expires_at)}</time>
        </p>
      </div>
      {item.status === "ready" ? (
        <Button asChild size="sm">
          <a href={dataExportUrl(item.id)} download>
            <DownloadIcon aria-hidden="true" />
            Download
          </a>
        </Button>
      ) : item.status === "building" ? (
        <Badge variant="secondary">
          <Spinner className="size-3" />
          Being built
        </Badge>
      ) : (
        <Badge variant="destructive">Failed</Badge>
      )}
    </li>
  );
}

/** Asks for a zip of everything in the account (confirmed by email), and lists the archives to download. */
function DataExportPanel({ email }: { email: string }) {
  const exports = useDataExports();
  const request = useRequestDataExport();

  return (
    <div className="grid gap-4">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Export your data</h2>
          </CardTitle>
          <CardDescription>
            A zip of your profile, every chat and message, every model version with its code and files, your uploads,
            invitations and notifications, with a README that explains the layout.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {request.isSuccess ? (
            <EmailSent
              message={request.data.message}
              tips={[
                `Open the link we sent to ${email} to start the export.`,
                "We email you again when the archive is ready; it appears below, to download while signed in.",
              ]}
            />
          ) : (
            <div className="grid gap-3">
              <ErrorAlert error={request.error} />
              <PendingButton
                className="justify-self-start"
                pending={request.isPending}
                pendingLabel="Sending link…"
                onClick={() => request.mutate()}
              >
                <ArchiveIcon aria-hidden="true" />
                Request an export
              </PendingButton>
            </div>
          )}
        </CardContent>
      </Card>
      <ListPanel
        query={exports}
        what="your exports"
        empty={() => ({
          icon: ArchiveIcon,
          title: "No exports yet",
          description: "Archives you ask for appear here for 7 days, then they are deleted.",
        })}
      >
        {(items) =>
          items ? (
            <ul aria-label="Your exports" className="divide-y">
              {items.map((item) => (
                <ExportRow key={item.id} item={item} />
              ))}
            </ul>
          ) : (
            <div aria-hidden="true" className="flex items-center gap-4 px-4 py-3 sm:px-6">
              <div className="grid flex-1 gap-1.5">
                <Skeleton className="h-4 w-48" />
                <Skeleton className="h-3 w-40" />
              </div>
              <Skeleton className="h-8 w-28" />
            </div>
          )
        }
      </ListPanel>
    </div>
  );
}

export { DataExportPanel };
