import type { TestProject } from "vitest/node";
import { startStack, type Stack } from "./stack.js";

let stack: Stack | undefined;

export async function setup(project: TestProject) {
  stack = await startStack();
  project.provide("baseUrl", stack.baseUrl);
  project.provide("databaseUrl", stack.databaseUrl);
  project.provide("mailDir", stack.mailDir);
  project.provide("renderUrl", stack.renderUrl);
}

export async function teardown() {
  await stack?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    mailDir: string;
    renderUrl: string;
  }
}
