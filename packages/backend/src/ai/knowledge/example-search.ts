import type { WorkedExample } from "./prompts.js";

// Lexical search (BM25) over the worked examples shipped with the prompts: a handful of files, so an index
// built at start-up answers in microseconds and needs no embedding model the operator may not have.

const STOP = new Set(
  "a an and are as at be by for from has have in into is it its of on or that the this to with which make made want need please can you i me my".split(
    " ",
  ),
);

/** Words of a text, lower-cased, camelCase and snake_case split, crudely singular. */
export function terms(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => (w.length > 4 && w.endsWith("es") && !w.endsWith("ses") ? w.slice(0, -2) : w))
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
}

interface Document {
  example: WorkedExample;
  counts: Map<string, number>;
  length: number;
}

export interface ExampleIndex {
  documents: Document[];
  frequency: Map<string, number>;
  averageLength: number;
}

/** The request counts three times: it says what the example is for; the code says how. */
export function indexExamples(examples: WorkedExample[]): ExampleIndex {
  const documents = examples.map((example) => {
    const words = [
      ...terms(example.request),
      ...terms(example.request),
      ...terms(example.request),
      ...terms(example.code),
    ];
    const counts = new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    return { example, counts, length: words.length };
  });
  const frequency = new Map<string, number>();
  for (const d of documents) for (const w of d.counts.keys()) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const averageLength = documents.reduce((s, d) => s + d.length, 0) / Math.max(1, documents.length);
  return { documents, frequency, averageLength };
}

const K1 = 1.2;
const B = 0.75;

/** The `limit` examples that best match `text`, best first; none when no word matches. */
export function searchExamples(index: ExampleIndex, text: string, limit: number): WorkedExample[] {
  const query = [...new Set(terms(text))];
  const n = index.documents.length;
  return index.documents
    .map((d) => {
      let score = 0;
      for (const w of query) {
        const tf = d.counts.get(w);
        if (!tf) continue;
        const df = index.frequency.get(w)!;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.length) / index.averageLength));
      }
      return { example: d.example, score };
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((r) => r.example);
}
