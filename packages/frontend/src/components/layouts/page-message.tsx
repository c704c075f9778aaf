import type * as React from "react";
import { Page } from "@/components/layouts/page";
import { EmptyStateMessage } from "@/components/ui/empty-state";

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
      <EmptyStateMessage
        className="border-none"
        icon={icon}
        tone={tone}
        eyebrow={eyebrow}
        title={title}
        pageTitle
        titleClassName="text-2xl sm:text-3xl"
        description={description}
      >
        {children}
      </EmptyStateMessage>
    </Page>
  );
}

export { PageMessage };
