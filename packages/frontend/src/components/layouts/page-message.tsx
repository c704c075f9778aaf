import type * as React from "react";
import { Page } from "@/components/layouts/page";
import {
  EmptyState,
  EmptyStateContent,
  EmptyStateDescription,
  EmptyStateHeader,
  EmptyStateMedia,
  EmptyStateTitle,
} from "@/components/ui/empty-state";

type PageMessageProps = {
  /** The page's h1 and its document title. */
  title: string;
  icon: React.ReactNode;
  tone?: "icon" | "destructive";
  /** A short line above the title, such as the status code. */
  eyebrow?: React.ReactNode;
  description: React.ReactNode;
  /** The way out: usually one button. */
  children?: React.ReactNode;
};

/** A whole page that only says something happened (404, a crash) and offers the way on. */
function PageMessage({ title, icon, tone = "icon", eyebrow, description, children }: PageMessageProps) {
  return (
    <Page className="flex flex-1 flex-col">
      <title>{`${title} · Chat3D`}</title>
      <EmptyState className="border-none">
        <EmptyStateHeader>
          <EmptyStateMedia variant={tone}>{icon}</EmptyStateMedia>
          {eyebrow}
          <EmptyStateTitle asChild className="text-2xl sm:text-3xl">
            <h1>{title}</h1>
          </EmptyStateTitle>
          <EmptyStateDescription>{description}</EmptyStateDescription>
        </EmptyStateHeader>
        {children && <EmptyStateContent>{children}</EmptyStateContent>}
      </EmptyState>
    </Page>
  );
}

export { PageMessage };
