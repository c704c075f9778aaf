import type * as React from "react";
import { Link, type LinkProps } from "react-router";
import { Page } from "@/components/layouts/page";
import { LogoMark } from "@/components/logo";
import { Card } from "@/components/ui/card";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";

type AuthCardProps = {
  /** The page's h1 and document title. */
  title: string;
  description: React.ReactNode;
  /** A line under the card, such as the link to the other auth page. */
  footer?: React.ReactNode;
  children: React.ReactNode;
};

function AuthFrame({ children }: { children: React.ReactNode }) {
  return (
    <Page className="flex flex-1 flex-col items-center justify-center py-10 sm:py-16">
      <div className="w-full max-w-sm">{children}</div>
    </Page>
  );
}

/** The frame of the sign-in and sign-up pages: mark, heading, the form in a card, the way to the other page. */
function AuthCard({ title, description, footer, children }: AuthCardProps) {
  return (
    <AuthFrame>
      <title>{`${title} · Chat3D`}</title>
      <div className="mb-6 flex flex-col items-center gap-3 text-center">
        <span className="flex size-12 items-center justify-center rounded-2xl border bg-card shadow-xs">
          <LogoMark className="size-7" />
        </span>
        <div className="space-y-1.5">
          <h1 className="text-2xl font-semibold tracking-tight text-balance">{title}</h1>
          <p className="text-sm text-pretty text-muted-foreground">{description}</p>
        </div>
      </div>
      <Card className="gap-0 p-6 shadow-sm">{children}</Card>
      {footer && <p className="mt-6 text-center text-sm text-muted-foreground">{footer}</p>}
    </AuthFrame>
  );
}

/** The link in the line under the card. */
function AuthFooterLink(props: LinkProps) {
  return <Link className="font-medium text-primary underline-offset-4 hover:underline" {...props} />;
}

/** Holds the card's place while we learn whether someone is already signed in. */
function AuthCardSkeleton() {
  return (
    <AuthFrame>
      <LoadingRegion label="Loading…" className="flex flex-col items-center gap-3">
        <Skeleton className="size-12 rounded-2xl" />
        <Skeleton className="h-7 w-48" />
        <Skeleton className="mb-3 h-4 w-64 max-w-full" />
        <Skeleton className="h-72 w-full rounded-xl" />
      </LoadingRegion>
    </AuthFrame>
  );
}

export { AuthCard, AuthCardSkeleton, AuthFooterLink };
