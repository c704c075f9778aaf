import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, Prec, StateEffect, StateField, type Extension } from "@codemirror/state";
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  placeholder,
  type DecorationSet,
} from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import { useEffect, useEffectEvent, useRef } from "react";
import { cn } from "@/lib/utils";

const setErrorLine = StateEffect.define<number | null>();
const errorLineMark = Decoration.line({ class: "cm-error-line", attributes: { "data-error-line": "true" } });

/** The line a failed render blames, marked until the code changes or the next render. */
const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      if (line === null || line < 1 || line > tr.state.doc.lines) return Decoration.none;
      return Decoration.set([errorLineMark.range(tr.state.doc.line(line).from)]);
    }
    return tr.docChanged ? Decoration.none : marks.map(tr.changes);
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px", backgroundColor: "transparent", color: "var(--foreground)" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.6" },
  ".cm-content": { caretColor: "var(--foreground)", padding: "8px 0" },
  ".cm-gutters": {
    backgroundColor: "transparent",
    color: "var(--muted-foreground)",
    border: "none",
    paddingLeft: "4px",
  },
  ".cm-activeLine": { backgroundColor: "color-mix(in oklch, var(--accent) 55%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "transparent", color: "var(--foreground)" },
  ".cm-error-line": { backgroundColor: "color-mix(in oklch, var(--destructive) 14%, transparent)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "color-mix(in oklch, var(--primary) 25%, transparent) !important",
  },
  ".cm-cursor": { borderLeftColor: "var(--foreground)" },
  ".cm-placeholder": { color: "var(--muted-foreground)" },
  ".cm-tooltip": {
    backgroundColor: "var(--popover)",
    color: "var(--popover-foreground)",
    border: "1px solid var(--border)",
    borderRadius: "6px",
  },
  ".cm-panels": { backgroundColor: "var(--muted)", color: "var(--foreground)" },
});

type CodeEditorProps = {
  value: string;
  onChange: (code: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void;
  /** The 1-based line a failure blames; a new object marks it again (a second failure on the same line). */
  errorMark?: { line: number } | null;
  label: string;
  /** Ids of what describes the editor (the keyboard hint, an error). */
  describedBy?: string;
  readOnly?: boolean;
  className?: string;
};

/**
 * build123d code in CodeMirror 6: Python highlighting with the app's token colours, undo, search,
 * Tab indents (Escape then Tab leaves the editor, as CodeMirror documents), and Ctrl/Cmd+Enter runs.
 */
function CodeEditor({
  value,
  onChange,
  onRun,
  errorMark = null,
  label,
  describedBy,
  readOnly,
  className,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const attributes = useRef(new Compartment());
  const change = useEffectEvent((code: string) => onChange(code));
  const run = useEffectEvent(() => onRun?.());

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      autocompletion(),
      highlightSelectionMatches(),
      python(),
      syntaxHighlighting(classHighlighter),
      placeholder("Paste or write build123d code here, and bind the result to root_part."),
      errorLineField,
      theme,
      // A long line wraps inside the pane rather than running off its right edge (the gutter keeps its number).
      EditorView.lineWrapping,
      EditorState.tabSize.of(4),
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (run(), true) }])),
      keymap.of([
        ...closeBracketsKeymap,
        ...defaultKeymap,
        ...searchKeymap,
        ...historyKeymap,
        ...completionKeymap,
        indentWithTab,
      ]),
      editable.current.of(EditorState.readOnly.of(false)),
      attributes.current.of([]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) change(update.state.doc.toString());
      }),
    ];
    const editor = new EditorView({ parent: host.current!, state: EditorState.create({ doc: "", extensions }) });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  // A different version (or a starter) replaces the text; the person's own typing arrives here unchanged.
  useEffect(() => {
    const editor = view.current!;
    if (editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const editor = view.current!;
    const line = errorMark?.line ?? null;
    editor.dispatch({ effects: setErrorLine.of(line) });
    if (line && line <= editor.state.doc.lines) {
      editor.dispatch({ effects: EditorView.scrollIntoView(editor.state.doc.line(line).from, { y: "center" }) });
    }
  }, [errorMark]);

  useEffect(() => {
    view.current!.dispatch({
      effects: [
        editable.current.reconfigure(EditorState.readOnly.of(Boolean(readOnly))),
        attributes.current.reconfigure(
          EditorView.contentAttributes.of({
            "aria-label": label,
            ...(describedBy ? { "aria-describedby": describedBy } : {}),
          }),
        ),
      ],
    });
  }, [readOnly, label, describedBy]);

  return <div ref={host} data-slot="code-editor" className={cn("min-h-0 overflow-hidden", className)} />;
}

export { CodeEditor };
