import { test } from "node:test";
import assert from "node:assert/strict";
import { fromInvoke } from "../js/errors.js";

test("an argument refused by a command reads in the user's language, with its code", () => {
  const text =
    'invalid args `dim` for command `dashboard_dimension`: {"code":"bad_dimension",' +
    '"zh":"维度“colour”无效：应为 product_line、customer_type 或 channel",' +
    '"en":"Invalid dimension \\"colour\\": expected product_line, customer_type or channel"}';
  assert.deepEqual(fromInvoke(text, "zh-CN"), {
    code: "bad_dimension",
    message: "维度“colour”无效：应为 product_line、customer_type 或 channel",
  });
  assert.deepEqual(fromInvoke(text, "en"), {
    code: "bad_dimension",
    message: 'Invalid dimension "colour": expected product_line, customer_type or channel',
  });
});

test("Rust's own errors pass as they are; other text is an internal error", () => {
  const own = { code: "no_workspace", message: "没有打开的工作区" };
  assert.equal(fromInvoke(own, "en"), own);
  assert.deepEqual(fromInvoke("command foo not found", "en"), {
    code: "internal",
    message: "command foo not found",
  });
  assert.deepEqual(fromInvoke('broken {"code": 1', "zh-CN"), {
    code: "internal",
    message: 'broken {"code": 1',
  });
});
