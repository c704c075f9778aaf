import { FORMAT_LABELS, FORMATS_BY_KIND, type Version } from "@chat3d/shared";
import { DownloadIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { formatBytes } from "../utils/format";

/** A download for every format of this kind of result, and the code; a format not produced says so. */
function DownloadBar({ version, fileUrl }: { version: Version; fileUrl: (fileId: string) => string }) {
  const entries = [
    ...FORMATS_BY_KIND[version.kind].map((format) => ({
      key: format,
      label: FORMAT_LABELS[format],
      file: version.files.find((f) => f.role === "model" && f.format === format),
    })),
    { key: "code", label: "Code", file: version.files.find((f) => f.role === "code") },
  ];
  return (
    <div role="group" aria-label="Downloads" className="flex flex-wrap gap-2">
      {entries.map(({ key, label, file }) =>
        file && "name" in file ? (
          <Button key={key} asChild variant="outline" size="sm">
            <a
              href={fileUrl(file.file_id)}
              download={file.name}
              aria-label={`Download ${label} (${formatBytes(file.bytes)})`}
              data-format={key}
            >
              <DownloadIcon aria-hidden="true" />
              {label}
              <span className="text-xs font-normal text-muted-foreground">{formatBytes(file.bytes)}</span>
            </a>
          </Button>
        ) : (
          <Tooltip key={key}>
            <TooltipTrigger asChild>
              {/* A disabled button takes no focus or hover, so the explanation hangs on a wrapper that does. */}
              <span
                tabIndex={0}
                className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                <Button variant="outline" size="sm" disabled aria-label={`${label} is not available`}>
                  <DownloadIcon aria-hidden="true" />
                  {label}
                </Button>
              </span>
            </TooltipTrigger>
            <TooltipContent>The render service did not produce {label} for this version.</TooltipContent>
          </Tooltip>
        ),
      )}
    </div>
  );
}

export { DownloadBar };
