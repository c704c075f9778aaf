import type { LlmModel, LlmModelList, LlmProvider, ModelRole } from "@chat3d/shared";
import { useId } from "react";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { modelsFor } from "../api/get-models";

const PROVIDERS: Record<LlmProvider, string> = {
  anthropic: "Anthropic",
  openai: "OpenAI",
  xai: "xAI",
  ollama: "Ollama",
};

const ROLE_LABELS: Record<ModelRole, string> = { conversation: "Chat", codegen: "Code" };

function optionLabel(model: LlmModel, defaultId: string | null) {
  return [model.label, model.accepts_images ? "reads images" : null, model.id === defaultId ? "default" : null]
    .filter(Boolean)
    .join(" · ");
}

/** One role's model: the usable ones grouped by provider, the operator's default marked. */
function ModelSelect({
  role,
  list,
  value,
  onChange,
  disabled,
}: {
  role: ModelRole;
  list: LlmModelList;
  value: string | undefined;
  onChange: (id: string) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const { options } = modelsFor(list, role, null);
  const providers = [...new Set(options.map((m) => m.provider))];
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <label htmlFor={id} className="shrink-0 text-xs text-muted-foreground">
        {ROLE_LABELS[role]}
      </label>
      <NativeSelect
        id={id}
        aria-label={`${ROLE_LABELS[role]} model`}
        value={value ?? ""}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        className="min-w-0 [&_select]:h-7 [&_select]:max-w-40 [&_select]:truncate [&_select]:py-0 [&_select]:pr-7 [&_select]:pl-2 [&_select]:text-xs [&_svg]:right-2 [&_svg]:size-3.5"
      >
        {providers.map((provider) => (
          <optgroup key={provider} label={PROVIDERS[provider]}>
            {options
              .filter((m) => m.provider === provider)
              .map((m) => (
                <NativeSelectOption key={m.id} value={m.id}>
                  {optionLabel(m, list.defaults[role])}
                </NativeSelectOption>
              ))}
          </optgroup>
        ))}
      </NativeSelect>
    </div>
  );
}

export type ModelChoice = { conversation: LlmModel | undefined; codegen: LlmModel | undefined };

/** The chat's two models: the one that talks (and reads pictures), and the one that writes the code. */
export function ModelPicker({
  list,
  choice,
  onChange,
  disabled,
}: {
  list: LlmModelList;
  choice: ModelChoice;
  onChange: (role: ModelRole, id: string) => void;
  disabled?: boolean;
}) {
  return (
    <div role="group" aria-label="Models" className="flex min-w-0 flex-wrap items-center gap-x-2.5 gap-y-1">
      {(["conversation", "codegen"] as const).map((role) => (
        <ModelSelect
          key={role}
          role={role}
          list={list}
          value={choice[role]?.id}
          onChange={(id) => onChange(role, id)}
          disabled={disabled}
        />
      ))}
    </div>
  );
}
