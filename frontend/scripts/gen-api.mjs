// Regenerates src/types/api.d.ts from the API's OpenAPI schema: `npm run gen:api`.
// The schema comes straight from the code (`api.main.app.openapi()`, run with the repo's
// virtualenv), so no server needs to be running. `--check` writes nothing and exits 1 when the
// committed file differs from what the API would generate now.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const root = resolve(frontend, "..");
const target = resolve(frontend, "src/types/api.d.ts");
const python = process.env.PYTHON ?? resolve(root, ".venv/bin/python");

const HEADER = `/**
 * Generated from the API's OpenAPI schema by \`npm run gen:api\` (frontend/scripts/gen-api.mjs).
 * Do not edit: change the API, then regenerate.
 */

`;

const schema = execFileSync(
  python,
  ["-c", "import json, sys; from api.main import app; json.dump(app.openapi(), sys.stdout)"],
  { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
);
const generated = HEADER + astToString(await openapiTS(JSON.parse(schema)));

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(target, "utf8");
  } catch {
    // missing counts as out of date
  }
  if (committed !== generated) {
    console.error(
      "frontend/src/types/api.d.ts is out of date with the API: run `npm run gen:api` in frontend/",
    );
    process.exit(1);
  }
  console.log("frontend/src/types/api.d.ts matches the API");
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target}`);
}
