import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createXai } from "@ai-sdk/xai";
import type { LlmModel, LlmModelList, LlmProvider, ModelRole } from "@chat3d/shared";
import type { LanguageModel } from "ai";
import { readFileSync } from "node:fs";
import { createOllama } from "ollama-ai-provider-v2";
import { z } from "zod";
import type { Config } from "../../config.js";
import { AppError } from "../../errors.js";
import type { Logger } from "../../lib/logger.js";

const PriceSchema = z.object({ input: z.number().min(0), output: z.number().min(0) });

const ModelsFileSchema = z.object({
  version: z.string(),
  models: z.array(
    z.object({
      provider: z.enum(["anthropic", "openai", "xai", "ollama"]),
      model: z.string().min(1),
      label: z.string().min(1),
      roles: z.array(z.enum(["conversation", "codegen"])).min(1),
      accepts_images: z.boolean(),
      supports_tools: z.boolean(),
      price_usd_per_mtok: PriceSchema,
    }),
  ),
  defaults: z.object({ conversation: z.string().nullable(), codegen: z.string().nullable() }),
});

export const DEFAULT_MODELS_FILE = new URL("../../../llm/models.json", import.meta.url);

export interface UsableModel {
  info: LlmModel;
  price: z.infer<typeof PriceSchema>;
  model: LanguageModel;
}

/** What a test gives the registry instead of providers: mock models with their descriptions. */
export type ModelOverrides = UsableModel[];

const OLLAMA_CACHE_MS = 60_000;

/** Where each hosted provider's SDK calls when no base URL is configured. */
const DEFAULT_BASE_URLS: Record<Exclude<LlmProvider, "ollama">, string> = {
  anthropic: "https://api.anthropic.com/v1",
  openai: "https://api.openai.com/v1",
  xai: "https://api.x.ai/v1",
};

/**
 * The models that can be used now, from configuration: the models file (operator-editable, with prices)
 * for the hosted providers whose key is set, and Ollama's models as its server reports them.
 */
export class LlmRegistry {
  private readonly file: z.infer<typeof ModelsFileSchema>;
  private ollama: { at: number; models: UsableModel[]; error: string | null } | undefined;

  constructor(private readonly deps: { config: Config; logger: Logger; overrides?: ModelOverrides }) {
    const path = deps.config.LLM_MODELS_FILE ?? DEFAULT_MODELS_FILE;
    this.file = ModelsFileSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  }

  get pricesVersion(): string {
    return this.file.version;
  }

  async list(): Promise<LlmModelList> {
    const usable = await this.usable();
    const pick = (role: ModelRole, wanted: string | null | undefined) => {
      const withRole = usable.filter((m) => m.info.roles.includes(role));
      return (withRole.find((m) => m.info.id === wanted) ?? withRole[0])?.info.id ?? null;
    };
    const { config } = this.deps;
    return {
      models: usable.map((m) => m.info),
      defaults: {
        conversation: pick("conversation", config.LLM_DEFAULT_CONVERSATION_MODEL ?? this.file.defaults.conversation),
        codegen: pick("codegen", config.LLM_DEFAULT_CODEGEN_MODEL ?? this.file.defaults.codegen),
      },
      hint: usable.length ? null : await this.hint(),
    };
  }

  /** The providers configured on this server (a key, or Ollama's address) and where each is called. */
  configuredProviders(): { provider: LlmProvider; baseUrl: string }[] {
    const { config } = this.deps;
    const hosted = [
      ["anthropic", config.ANTHROPIC_API_KEY, config.ANTHROPIC_BASE_URL],
      ["openai", config.OPENAI_API_KEY, config.OPENAI_BASE_URL],
      ["xai", config.XAI_API_KEY, config.XAI_BASE_URL],
    ] as const;
    return [
      ...hosted.flatMap(([provider, key, base]) =>
        key ? [{ provider, baseUrl: base ?? DEFAULT_BASE_URLS[provider] }] : [],
      ),
      ...(config.OLLAMA_BASE_URL ? [{ provider: "ollama" as const, baseUrl: config.OLLAMA_BASE_URL }] : []),
    ];
  }

  /** The model to call for a role; a model that is not usable (any more) is a clear 422. */
  async resolve(id: string, role: ModelRole): Promise<UsableModel> {
    const found = (await this.usable()).find((m) => m.info.id === id);
    if (!found) throw AppError.unprocessable(`The model ${id} is not available on this server.`, "model_unavailable");
    if (!found.info.roles.includes(role)) {
      throw AppError.unprocessable(`The model ${found.info.label} cannot be used for ${role}.`, "model_unavailable");
    }
    return found;
  }

  private async usable(): Promise<UsableModel[]> {
    if (this.deps.overrides) return this.deps.overrides;
    return [...this.hosted(), ...(await this.ollamaModels())];
  }

  private hosted(): UsableModel[] {
    const { config } = this.deps;
    const providers: Partial<Record<LlmProvider, (model: string) => LanguageModel>> = {};
    if (config.ANTHROPIC_API_KEY) {
      const anthropic = createAnthropic({ apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL });
      providers.anthropic = (m) => anthropic(m);
    }
    if (config.OPENAI_API_KEY) {
      const openai = createOpenAI({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL });
      // OpenAI-compatible servers speak Chat Completions, not OpenAI's newer Responses API.
      providers.openai = (m) => (config.OPENAI_BASE_URL ? openai.chat(m) : openai(m));
    }
    if (config.XAI_API_KEY) {
      const xai = createXai({ apiKey: config.XAI_API_KEY, baseURL: config.XAI_BASE_URL });
      providers.xai = (m) => xai(m);
    }
    const listed = this.file.models.filter((m) => m.provider !== "ollama");
    const openaiPinned = config.OPENAI_MODELS.map((model) => {
      const known = listed.find((m) => m.provider === "openai" && m.model === model);
      return (
        known ?? {
          provider: "openai" as const,
          model,
          label: model,
          roles: ["conversation", "codegen"] as ModelRole[],
          accepts_images: false,
          supports_tools: true,
          price_usd_per_mtok: { input: 0, output: 0 },
        }
      );
    });
    const entries = config.OPENAI_MODELS.length
      ? [...listed.filter((m) => m.provider !== "openai"), ...openaiPinned]
      : listed;
    return entries.flatMap((entry) => {
      const make = providers[entry.provider];
      if (!make) return [];
      return [
        {
          info: {
            id: `${entry.provider}:${entry.model}`,
            provider: entry.provider,
            label: entry.label,
            roles: entry.roles,
            accepts_images: entry.accepts_images,
            supports_tools: entry.supports_tools,
          },
          price: entry.price_usd_per_mtok,
          model: make(entry.model),
        },
      ];
    });
  }

  /** Ollama's models from `/api/tags`, their abilities from `/api/show`; cached briefly, never fatal. */
  private async ollamaModels(): Promise<UsableModel[]> {
    const { config, logger } = this.deps;
    if (!config.OLLAMA_BASE_URL) return [];
    if (this.ollama && Date.now() - this.ollama.at < OLLAMA_CACHE_MS) return this.ollama.models;
    const base = config.OLLAMA_BASE_URL.replace(/\/+$/, "");
    const headers: Record<string, string> = config.OLLAMA_TOKEN
      ? { authorization: `Bearer ${config.OLLAMA_TOKEN}` }
      : {};
    const ollama = createOllama({ baseURL: `${base}/api`, headers });
    try {
      const tags = z
        .object({ models: z.array(z.object({ name: z.string() })) })
        .parse(await (await fetch(`${base}/api/tags`, { headers, signal: AbortSignal.timeout(3000) })).json());
      const names = tags.models
        .map((m) => m.name)
        .filter((n) => !config.OLLAMA_MODELS.length || config.OLLAMA_MODELS.includes(n));
      const models = await Promise.all(
        names.map(async (name): Promise<UsableModel | undefined> => {
          const res = await fetch(`${base}/api/show`, {
            method: "POST",
            headers: { ...headers, "content-type": "application/json" },
            body: JSON.stringify({ model: name }),
            signal: AbortSignal.timeout(3000),
          });
          const show = z.object({ capabilities: z.array(z.string()).optional() }).parse(await res.json());
          const capabilities = show.capabilities ?? ["completion"];
          if (!capabilities.includes("completion")) return undefined;
          const tools = capabilities.includes("tools");
          return {
            info: {
              id: `ollama:${name}`,
              provider: "ollama",
              label: `${name} (Ollama)`,
              // Without tool calls a model can still write code, but cannot hand a brief over.
              roles: tools ? ["conversation", "codegen"] : ["codegen"],
              accepts_images: capabilities.includes("vision"),
              supports_tools: tools,
            },
            price: { input: 0, output: 0 },
            model: ollama(name),
          };
        }),
      );
      this.ollama = { at: Date.now(), models: models.filter((m): m is UsableModel => Boolean(m)), error: null };
    } catch (err) {
      logger.warn({ err: (err as Error).message }, "Ollama did not answer; its models are not offered");
      this.ollama = { at: Date.now(), models: [], error: (err as Error).message };
    }
    return this.ollama.models;
  }

  private async hint(): Promise<string> {
    if (this.deps.config.OLLAMA_BASE_URL && this.ollama?.error) {
      return `No language model is available: Ollama at ${this.deps.config.OLLAMA_BASE_URL} did not answer. You can still write and render code.`;
    }
    return "No language model is configured. An administrator can set ANTHROPIC_API_KEY, OPENAI_API_KEY, XAI_API_KEY or OLLAMA_BASE_URL (see Configuration in the README). You can still write and render code.";
  }
}
