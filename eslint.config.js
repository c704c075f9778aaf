import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["**/dist/**", "**/node_modules/**", ".tools/**", "data/**", "**/.venv/**", "**/*.tsbuildinfo"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["packages/backend/src/**/*.ts"],
    // Server code logs through pino, so lines stay structured and redacted.
    rules: { "no-console": "error" },
  },
  {
    // The backend's layers: a route validates and calls a service; a service holds the rules and calls
    // repositories; a repository holds queries. Each layer reaches only downwards.
    // The MCP tools are routes of another protocol: the same rule holds for them.
    files: ["packages/backend/src/routes/**/*.ts", "packages/backend/src/mcp/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/repositories/*"], message: "Routes call services, never repositories." }] },
      ],
    },
  },
  {
    files: ["packages/backend/src/repositories/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/services/*", "**/routes/*", "**/ai/*"],
              message: "Repositories hold queries and outside calls; they never import services, routes or the AI.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["packages/backend/src/services/**/*.ts", "packages/backend/src/ai/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["**/routes/*", "express"], message: "Services never see HTTP: no routes, no express." }],
        },
      ],
    },
  },
  {
    // Tests read arbitrary JSON bodies; typing every one would add noise, not safety.
    files: ["**/test/**/*.ts", "**/*.test.ts", "**/*.test.tsx", "**/e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["packages/frontend/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Features never import each other, nor the app that composes them; shared pieces live in components/ or lib/.
    files: ["packages/frontend/src/features/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/features/*", "@/app/*"], message: "Features must not import each other or the app." },
            // From features/<name>/<folder>/, two levels up is features/: what follows is another feature.
            { regex: "^\\.\\./\\.\\./(?!\\.\\.)", message: "Features must not import each other." },
          ],
        },
      ],
    },
  },
  {
    // Shared code knows no feature: a feature registers with it (query meta, event hooks), not the other way round.
    files: ["packages/frontend/src/{components,lib}/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/features/*", "@/app/*"],
              message: "components/ and lib/ must not import features or the app.",
            },
          ],
        },
      ],
    },
  },
);
