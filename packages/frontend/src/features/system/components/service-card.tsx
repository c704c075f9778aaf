import type { LucideIcon } from "lucide-react";
import type * as React from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export type ServiceTone = "success" | "destructive" | "secondary";

type ServiceCardProps = {
  icon: LucideIcon;
  title: string;
  description: string;
  status: { label: string; tone: ServiceTone };
  metric: React.ReactNode;
  metricLabel: string;
  note: React.ReactNode;
};

function ServiceIcon({ icon: Icon }: { icon: LucideIcon }) {
  return (
    <span className="flex size-9 shrink-0 items-center justify-center rounded-lg border bg-muted/60 text-muted-foreground">
      <Icon className="size-4" aria-hidden="true" />
    </span>
  );
}

function ServiceCard({ icon, title, description, status, metric, metricLabel, note }: ServiceCardProps) {
  return (
    <Card className="gap-5" role="group" aria-label={title}>
      <CardHeader className="flex items-start gap-3">
        <ServiceIcon icon={icon} />
        <div className="min-w-0 flex-1 space-y-1 pt-0.5">
          <CardTitle role="heading" aria-level={3}>
            {title}
          </CardTitle>
          <CardDescription className="truncate text-xs">{description}</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="space-y-3">
        <div className="flex items-end justify-between gap-3">
          <div className="min-w-0">
            <div className="text-2xl font-semibold tracking-tight tabular-nums">{metric}</div>
            <div className="text-xs whitespace-nowrap text-muted-foreground">{metricLabel}</div>
          </div>
          <Badge variant={status.tone} className="mb-0.5 min-w-0">
            <span className="size-1.5 rounded-full bg-current" aria-hidden="true" />
            {status.label}
          </Badge>
        </div>
        <p className="border-t pt-3 text-sm break-words text-muted-foreground">{note}</p>
      </CardContent>
    </Card>
  );
}

function ServiceCardSkeleton({ icon }: { icon: LucideIcon }) {
  return (
    <Card className="gap-5">
      <CardHeader className="flex items-start gap-3">
        <ServiceIcon icon={icon} />
        {/* Boxes sized to the real line heights, so nothing shifts when data arrives. */}
        <div className="min-w-0 flex-1 space-y-1 pt-0.5">
          <div className="flex h-4 items-center">
            <Skeleton className="h-3.5 w-24" />
          </div>
          <div className="flex h-4 items-center">
            <Skeleton className="h-3 w-36 max-w-full" />
          </div>
        </div>
      </CardHeader>
      <CardContent className="space-y-3">
        <div className="flex items-end justify-between gap-3">
          <div>
            <div className="flex h-8 items-center">
              <Skeleton className="h-6 w-20" />
            </div>
            <div className="flex h-4 items-center">
              <Skeleton className="h-3 w-16" />
            </div>
          </div>
          <Skeleton className="mb-0.5 h-[1.375rem] w-24" />
        </div>
        <div className="box-content flex h-5 items-center border-t pt-3">
          <Skeleton className="h-3.5 w-3/4" />
        </div>
      </CardContent>
    </Card>
  );
}

export { ServiceCard, ServiceCardSkeleton };
