/** One section of the API notes: a build123d class or function, its signature, pitfalls and a snippet. */
export interface ApiEntry {
  name: string;
  text: string;
}

/** `## Name` sections of the notes file, in order. */
export function parseApiNotes(markdown: string): ApiEntry[] {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((section) => {
      const heading = section.split("\n", 1)[0] ?? "";
      return { name: heading.trim(), text: `## ${section.trim()}` };
    });
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The notes on `name` (case and a leading module path ignored: `build123d.Box`, `box`), or the closest
 * names when there are none, so a misspelt or invented API gets a correction rather than silence.
 */
export function lookupApi(entries: ApiEntry[], name: string): { entry?: ApiEntry; suggestions: string[] } {
  const wanted = name.trim().replace(/^.*\./, "").replace(/\(.*$/, "").toLowerCase();
  const entry = entries.find((e) => e.name.toLowerCase() === wanted);
  if (entry) return { entry, suggestions: [] };
  const suggestions = entries
    .map((e) => {
      const lower = e.name.toLowerCase();
      const contains = lower.includes(wanted) || wanted.includes(lower);
      return { name: e.name, distance: contains ? 0 : editDistance(lower, wanted) };
    })
    .filter((s) => s.distance <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 5)
    .map((s) => s.name);
  return { suggestions };
}
