// `npm run openapi`: writes docs/openapi.json from the API's shared schemas (a test fails when it drifts).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const { buildOpenApiDocument } = await import(path.join(root, "packages/backend/dist/openapi.js"));
const { version } = JSON.parse(readFileSync(path.join(root, "packages/backend/package.json"), "utf8"));
writeFileSync(path.join(root, "docs/openapi.json"), `${JSON.stringify(buildOpenApiDocument(version), null, 2)}\n`);
console.log("wrote docs/openapi.json");
