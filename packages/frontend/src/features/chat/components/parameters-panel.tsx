import {
  parameterProblem,
  parseParameters,
  type Parameter,
  type ParameterValue,
  type ParameterValues,
  type Version,
} from "@chat3d/shared";
import { SlidersHorizontalIcon } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type * as React from "react";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Slider } from "@/components/ui/slider";
import { Switch } from "@/components/ui/switch";
import { ApiClientError } from "@/lib/api-client";
import type { RenderSession } from "../hooks/use-render-session";
import { formatNumber } from "../utils/format";
import { sliderRange, type SliderRange } from "../utils/parameter-range";

/** A number field that lets a person type through values the parameter refuses ("5" on the way to "50"). */
function NumberField({
  value,
  onChange,
  ...props
}: Omit<React.ComponentProps<typeof Input>, "value" | "onChange"> & { value: number; onChange: (n: number) => void }) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (Number(text) !== value) setText(String(value));
  }
  return (
    <Input
      type="number"
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const next = event.target.valueAsNumber;
        if (Number.isFinite(next)) {
          setShown(next);
          onChange(next);
        }
      }}
      onBlur={() => setText(String(value))}
      {...props}
    />
  );
}

/** How long a slider rests before its value renders: dragging sends one request, not one per pixel. */
export const PARAMETER_DEBOUNCE_MS = 350;

function ParameterControl({
  parameter,
  range,
  value,
  problem,
  onChange,
}: {
  parameter: Parameter;
  /** A number's slider range, kept from version to version. */
  range: SliderRange | undefined;
  value: ParameterValue;
  problem: string | undefined;
  onChange: (value: ParameterValue) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const invalid = problem ? { "aria-invalid": true, "aria-describedby": errorId } : {};
  const label = (
    <label htmlFor={id} className="text-sm font-medium">
      {parameter.label}
    </label>
  );
  let control: React.ReactNode;
  if (parameter.kind === "boolean") {
    control = (
      <div className="flex items-center justify-between gap-3">
        {label}
        <Switch id={id} checked={value === true} onCheckedChange={(checked) => onChange(checked)} {...invalid} />
      </div>
    );
  } else if (parameter.kind === "choice") {
    control = (
      <div className="grid gap-1.5">
        {label}
        <NativeSelect
          id={id}
          className="w-full"
          value={String(value)}
          onChange={(event) => onChange(event.target.value)}
          {...invalid}
        >
          {parameter.choices.map((choice) => (
            <NativeSelectOption key={choice} value={choice}>
              {choice}
            </NativeSelectOption>
          ))}
        </NativeSelect>
      </div>
    );
  } else {
    const number = typeof value === "number" ? value : parameter.value;
    const unit = parameter.unit ? ` ${parameter.unit}` : "";
    const { min, max } = range ?? parameter;
    control = (
      <div className="grid gap-2">
        <div className="flex items-center justify-between gap-3">
          {label}
          <div className="flex items-center gap-1.5">
            <NumberField
              id={id}
              min={parameter.min}
              // A suggested range is no limit: typing past its end widens the slider.
              max={parameter.bounded ? parameter.max : undefined}
              step={parameter.step}
              value={number}
              onChange={onChange}
              className="h-8 w-20 text-right tabular-nums"
              {...invalid}
            />
            {parameter.unit && <span className="w-7 text-xs text-muted-foreground">{parameter.unit}</span>}
          </div>
        </div>
        <Slider
          min={min}
          max={max}
          step={parameter.step}
          value={[number]}
          thumbLabels={[parameter.label]}
          onValueChange={([next]) => next !== undefined && onChange(next)}
          aria-valuetext={`${formatNumber(number)}${unit}`}
        />
        <div aria-hidden="true" className="flex justify-between text-[11px] text-muted-foreground tabular-nums">
          <span>
            {formatNumber(min)}
            {unit}
          </span>
          <span>
            {formatNumber(max)}
            {unit}
          </span>
        </div>
      </div>
    );
  }
  return (
    <div data-slot="parameter" className="grid gap-1">
      {control}
      {problem && (
        <p id={errorId} className="text-sm text-destructive">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Values typed past a suggested range, per parameter: the slider keeps room for them from then on. */
export type TypedValues = Record<string, number[]>;

/**
 * The script's `# @param` constants as controls. A change waits for the control to rest, then renders the
 * version's code with the new values into a new version; a newer change drops the request still running.
 * Sliders keep their range across versions: from the chat's first version (`firstCode`), widened by `typed`.
 */
function ParametersPanel({
  version,
  session,
  firstCode,
  typed,
  onTyped,
}: {
  version: Version;
  session: RenderSession;
  firstCode: string | undefined;
  typed: TypedValues;
  onTyped: (name: string, value: number) => void;
}) {
  const parameters = useMemo(() => parseParameters(version.code), [version.code]);
  const first = useMemo(() => new Map(parseParameters(firstCode ?? "").map((p) => [p.name, p])), [firstCode]);
  const [draft, setDraft] = useState<ParameterValues>({});
  const [base, setBase] = useState(version.id);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Another version is shown: its own values stand, and a change waiting for the first is forgotten.
  if (base !== version.id) {
    setBase(version.id);
    setDraft({});
  }
  useEffect(() => () => clearTimeout(timer.current), [version.id]);

  if (parameters.length === 0) return null;

  const { state } = session;
  const serverProblems =
    state.status === "failed" && state.origin === "parameters" && state.error instanceof ApiClientError
      ? state.error.fieldErrors
      : {};

  const change = (parameter: Parameter, value: ParameterValue) => {
    const next = { ...draft, [parameter.name]: value };
    setDraft(next);
    clearTimeout(timer.current);
    if (session.state.status === "rendering") session.cancel();
    // A value the script would refuse is shown as a problem and not sent.
    if (parameters.some((p) => next[p.name] !== undefined && parameterProblem(p, next[p.name]!))) return;
    if (parameter.kind === "number" && typeof value === "number") onTyped(parameter.name, value);
    timer.current = setTimeout(() => {
      session.render(
        { code: version.code, parameters: next, parent_version_id: version.id, source: "parameters" },
        "parameters",
      );
    }, PARAMETER_DEBOUNCE_MS);
  };

  return (
    <section aria-labelledby="parameters-heading" className="grid gap-4 rounded-lg border bg-card p-4">
      <h3 id="parameters-heading" className="flex items-center gap-2 text-sm font-semibold">
        <SlidersHorizontalIcon aria-hidden="true" className="size-4 text-muted-foreground" />
        Parameters
      </h3>
      {parameters.map((parameter) => {
        const value = draft[parameter.name] ?? parameter.value;
        return (
          <ParameterControl
            key={parameter.name}
            parameter={parameter}
            range={
              parameter.kind === "number"
                ? sliderRange(parameter, first.get(parameter.name), typed[parameter.name] ?? [])
                : undefined
            }
            value={value}
            problem={parameterProblem(parameter, value) ?? serverProblems[`parameters.${parameter.name}`]?.[0]}
            onChange={(next) => change(parameter, next)}
          />
        );
      })}
    </section>
  );
}

export { ParametersPanel };
