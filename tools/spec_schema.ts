/**
 * `deno task schema`: writes the JSON Schema of specs, generated from the spec registry's option
 * tables, to `lib/spec/spec.schema.json` (or the path given). `tests/spec/json_schema_test.ts`
 * checks that the committed file equals a fresh generation.
 *
 * ```sh
 * deno task schema                    # writes lib/spec/spec.schema.json
 * ```
 *
 * @module
 */

import { specJsonSchema } from "../lib/mod.ts";

/** The schema file's text: two-space JSON with a final newline. */
export function schemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}

if (import.meta.main) {
  const path = Deno.args[0] ?? new URL("../lib/spec/spec.schema.json", import.meta.url).pathname;
  await Deno.writeTextFile(path, schemaText());
  console.log(path);
}
