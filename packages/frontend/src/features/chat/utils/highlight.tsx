import { pythonLanguage } from "@codemirror/lang-python";
import { classHighlighter, highlightCode } from "@lezer/highlight";
import type * as React from "react";

/**
 * Python as highlighted spans, by the same parser and token classes (`tok-*`) the editor uses, so code in a
 * message looks like code in the editor and no second highlighter ships.
 */
export function highlightPython(code: string): React.ReactNode[] {
  const nodes: React.ReactNode[] = [];
  highlightCode(
    code,
    pythonLanguage.parser.parse(code),
    classHighlighter,
    (text, classes) => {
      nodes.push(
        classes ? (
          <span key={nodes.length} className={classes}>
            {text}
          </span>
        ) : (
          text
        ),
      );
    },
    () => nodes.push("\n"),
  );
  return nodes;
}
