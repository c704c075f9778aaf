import { cva, type VariantProps } from "class-variance-authority";
import { Slot as SlotPrimitive } from "radix-ui";
import type * as React from "react";
import { cn } from "@/lib/utils";

function EmptyState({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex min-w-0 flex-1 flex-col items-center justify-center gap-6 rounded-xl border border-dashed p-6 text-center text-balance md:p-12",
        className,
      )}
      {...props}
    />
  );
}

function EmptyStateHeader({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="empty-state-header"
      className={cn("flex max-w-sm flex-col items-center gap-2 text-center", className)}
      {...props}
    />
  );
}

const emptyStateMediaVariants = cva(
  "mb-2 flex shrink-0 items-center justify-center [&_svg]:pointer-events-none [&_svg]:shrink-0",
  {
    variants: {
      variant: {
        default: "bg-transparent",
        icon: "size-11 rounded-xl bg-muted text-foreground [&_svg:not([class*='size-'])]:size-5",
        destructive: "size-11 rounded-xl bg-destructive/10 text-destructive [&_svg:not([class*='size-'])]:size-5",
      },
    },
    defaultVariants: {
      variant: "default",
    },
  },
);

function EmptyStateMedia({
  className,
  variant,
  ...props
}: React.ComponentProps<"div"> & VariantProps<typeof emptyStateMediaVariants>) {
  return (
    <div
      data-slot="empty-state-media"
      data-variant={variant ?? "default"}
      aria-hidden="true"
      className={cn(emptyStateMediaVariants({ variant, className }))}
      {...props}
    />
  );
}

/** An h2 by default; pass `asChild` with an h1 when the empty state is the whole page. */
function EmptyStateTitle({ className, asChild = false, ...props }: React.ComponentProps<"h2"> & { asChild?: boolean }) {
  const Comp = asChild ? SlotPrimitive.Slot : "h2";
  return (
    <Comp data-slot="empty-state-title" className={cn("text-lg font-semibold tracking-tight", className)} {...props} />
  );
}

function EmptyStateDescription({ className, ...props }: React.ComponentProps<"p">) {
  return (
    <p
      data-slot="empty-state-description"
      className={cn(
        "text-sm/relaxed text-muted-foreground [&>a]:underline [&>a]:underline-offset-4 [&>a:hover]:text-primary",
        className,
      )}
      {...props}
    />
  );
}

function EmptyStateContent({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="empty-state-content"
      className={cn("flex w-full max-w-sm min-w-0 flex-col items-center gap-4 text-sm text-balance", className)}
      {...props}
    />
  );
}

type EmptyStateMessageProps = {
  icon: React.ReactNode;
  tone?: "icon" | "destructive";
  title: React.ReactNode;
  /** The message is the whole page: its title is the page's h1. */
  pageTitle?: boolean;
  /** A short line above the title, such as a status code. */
  eyebrow?: React.ReactNode;
  description: React.ReactNode;
  /** The way on: usually a button. */
  children?: React.ReactNode;
  className?: string;
  headerClassName?: string;
  titleClassName?: string;
  contentClassName?: string;
};

/** The parts composed the usual way: icon, title, description, then the way on. */
function EmptyStateMessage({
  icon,
  tone = "icon",
  title,
  pageTitle = false,
  eyebrow,
  description,
  children,
  className,
  headerClassName,
  titleClassName,
  contentClassName,
}: EmptyStateMessageProps) {
  return (
    <EmptyState className={className}>
      <EmptyStateHeader className={headerClassName}>
        <EmptyStateMedia variant={tone}>{icon}</EmptyStateMedia>
        {eyebrow}
        <EmptyStateTitle asChild={pageTitle} className={titleClassName}>
          {pageTitle ? <h1>{title}</h1> : title}
        </EmptyStateTitle>
        <EmptyStateDescription>{description}</EmptyStateDescription>
      </EmptyStateHeader>
      {children && <EmptyStateContent className={contentClassName}>{children}</EmptyStateContent>}
    </EmptyState>
  );
}

export {
  EmptyState,
  EmptyStateContent,
  EmptyStateDescription,
  EmptyStateHeader,
  EmptyStateMedia,
  EmptyStateMessage,
  EmptyStateTitle,
};
