import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { CODES } from "../js/error_codes.js";

const root = new URL("../js/", import.meta.url).pathname;
function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".js") ? [p] : [];
  });
}
const sources = files(root).filter((p) => !p.endsWith("error_codes.js")).map((p) => [p, readFileSync(p, "utf8")]);

test("every error code the window names is one the core declares", () => {
  const named = new Set();
  for (const [, text] of sources) for (const m of text.matchAll(/\bCODES\.([a-z0-9_]+)/g)) named.add(m[1]);
  assert.ok(named.size >= 5, `only ${named.size} codes named`);
  for (const code of named) assert.equal(CODES[code], code, `CODES.${code} is not an error code of the core`);
});

test("the window branches on an error's code only through CODES", () => {
  const literal = /\b(?:err|error|e)\??\.code\s*[!=]==?\s*["']|["']\s*[!=]==?\s*(?:err|error|e)\??\.code\b/;
  for (const [path, text] of sources) assert.ok(!literal.test(text), `${path} compares an error's code with a literal: use CODES`);
});

test("the list is frozen text → text", () => {
  assert.ok(Object.isFrozen(CODES));
  assert.equal(CODES.internal, "internal");
  assert.equal(CODES.node_not_found, "node_not_found");
  assert.equal(CODES.nonexistent, undefined);
});
