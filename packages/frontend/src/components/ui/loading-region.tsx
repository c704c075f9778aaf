import type * as React from "react";

type LoadingRegionProps = React.ComponentProps<"div"> & {
  /** Said to screen readers while the skeleton shows: "Loading settings…". */
  label: string;
};

/** A skeleton standing in for content that is on its way: marked busy, and announced once. */
function LoadingRegion({ label, children, ...props }: LoadingRegionProps) {
  return (
    <div aria-busy="true" data-slot="loading-region" {...props}>
      <p role="status" className="sr-only">
        {label}
      </p>
      {children}
    </div>
  );
}

export { LoadingRegion };
