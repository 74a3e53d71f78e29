import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { _strings as S, _duplicateKeys } from "../js/i18n.js";

test("every label exists in zh-CN and en", () => {
  const zh = Object.keys(S["zh-CN"]).sort();
  const en = Object.keys(S.en).sort();
  assert.deepEqual(zh, en);
  for (const k of zh) {
    assert.ok(S["zh-CN"][k].length > 0 && S.en[k].length > 0, k);
    const ph = (s) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    assert.equal(ph(S["zh-CN"][k]), ph(S.en[k]), `placeholders of ${k}`);
  }
});

test("no label is defined twice (shared table and areas)", () => {
  assert.deepEqual(_duplicateKeys, []);
});

test("every t() key used in the UI is defined", () => {
  const files = [];
  const walk = (dir) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".js")) files.push(p);
    }
  };
  walk(new URL("../js", import.meta.url).pathname);
  const used = new Set();
  for (const f of files) {
    for (const m of readFileSync(f, "utf8").matchAll(/\bt\("([\w.]+)"/g)) used.add(m[1]);
  }
  assert.ok(used.size > 20);
  for (const k of used) assert.ok(k in S["zh-CN"], `missing label ${k}`);
});
