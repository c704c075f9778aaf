import type * as React from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";
import { highlightPython } from "../utils/highlight";

const PYTHON = /^language-(py|python|build123d|b123d)$/;

const components: Components = {
  pre: ({ children }) => (
    // Long code lines wrap: a chat bubble has no room to scroll sideways.
    <pre className="my-2 rounded-md border bg-muted/60 px-3 py-2 font-mono text-[13px] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
      {children}
    </pre>
  ),
  code: ({ className, children }) => {
    const text = String(children ?? "");
    const block = /^language-/.test(className ?? "") || text.includes("\n");
    if (!block) return <code className="rounded bg-muted px-1 py-0.5 font-mono text-[0.9em]">{children}</code>;
    return <code>{PYTHON.test(className ?? "") ? highlightPython(text.replace(/\n$/, "")) : text}</code>;
  },
  a: ({ children, href }) => (
    <a href={href} target="_blank" rel="noreferrer noopener" className="text-primary underline underline-offset-4">
      {children}
    </a>
  ),
};

/** A message's text as Markdown (GitHub flavour, a new line stays one), with Python code blocks highlighted like the editor. */
function Markdown({ children }: { children: string }): React.ReactNode {
  return (
    <div className="markdown space-y-2 text-sm/relaxed break-words [&_li]:ml-5 [&_ol]:list-decimal [&_ul]:list-disc">
      <ReactMarkdown remarkPlugins={[remarkGfm, remarkBreaks]} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}

export { Markdown };
