/** A tab's mark that something needs a look; its words join the tab's name for screen readers. */
export function AttentionDot({ label }: { label: string }) {
  return (
    <span className="absolute top-1 right-1 size-2 rounded-full bg-destructive">
      <span className="sr-only">, {label}</span>
    </span>
  );
}
