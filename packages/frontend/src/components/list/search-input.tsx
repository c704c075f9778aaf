import { SearchIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";

const DEBOUNCE_MS = 300;

type SearchInputProps = {
  /** The committed search (from the address). */
  value: string;
  onCommit: (value: string) => void;
  label: string;
  placeholder: string;
};

/** A search box that commits once typing pauses (or on Enter), and follows the address when it changes. */
function SearchInput({ value, onCommit, label, placeholder }: SearchInputProps) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [committed, setCommitted] = useState(value);

  // Back/forward or "Clear filters" changed the address: show that, unless it is our own commit coming back.
  if (value !== seen) {
    setSeen(value);
    if (value !== committed) {
      setDraft(value);
      setCommitted(value);
    }
  }

  const commit = (text: string) => {
    setCommitted(text);
    onCommit(text);
  };

  useEffect(() => {
    const text = draft.trim();
    if (text === committed) return;
    const timer = setTimeout(() => {
      setCommitted(text);
      onCommit(text);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, committed, onCommit]);

  return (
    <form
      role="search"
      className="relative w-full sm:max-w-xs"
      onSubmit={(event) => {
        event.preventDefault();
        commit(draft.trim());
      }}
    >
      <SearchIcon
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <Input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        className="pl-9"
      />
    </form>
  );
}

export { SearchInput };
