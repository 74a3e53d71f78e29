import { test } from "node:test";
import assert from "node:assert/strict";
import { BUSY_RETRY_MS, isBusy, retryWhenBusy } from "../js/errors.js";

const BUSY = {
  code: "busy",
  message: "工作区正忙（正在整理索引），请稍后再试",
};

/** An invoke that fails with each of `failures` in turn, then answers `answer`. */
function scripted(failures, answer) {
  const calls = [];
  const attempt = async () => {
    calls.push(Date.now());
    if (calls.length <= failures.length) throw failures[calls.length - 1];
    return answer;
  };
  return { attempt, calls };
}

test("a busy call is tried once more after a pause and its answer comes back", async () => {
  const waits = [];
  const { attempt, calls } = scripted([BUSY], { saved: 3 });
  const got = await retryWhenBusy(attempt, "zh-CN", { sleep: async (ms) => waits.push(ms) });
  assert.deepEqual(got, { saved: 3 });
  assert.equal(calls.length, 2);
  assert.deepEqual(waits, [BUSY_RETRY_MS]);
  assert.ok(BUSY_RETRY_MS >= 500 && BUSY_RETRY_MS <= 5000);
});

test("busy twice: only one retry, and the busy error reaches the caller as a calm busy", async () => {
  const waits = [];
  const { attempt, calls } = scripted([BUSY, BUSY], "never");
  await assert.rejects(
    retryWhenBusy(attempt, "zh-CN", { sleep: async (ms) => waits.push(ms) }),
    (err) => {
      assert.deepEqual(err, BUSY);
      assert.equal(isBusy(err), true);
      return true;
    },
  );
  assert.equal(calls.length, 2);
  assert.equal(waits.length, 1);
});

test("other errors are not retried and keep their code and language", async () => {
  const waits = [];
  const refused =
    'invalid args `dim` for command `dashboard_dimension`: {"code":"bad_dimension","zh":"维度无效","en":"Invalid dimension"}';
  const { attempt, calls } = scripted([refused], "never");
  await assert.rejects(
    retryWhenBusy(attempt, "en", { sleep: async (ms) => waits.push(ms) }),
    (err) => {
      assert.deepEqual(err, { code: "bad_dimension", message: "Invalid dimension" });
      assert.equal(isBusy(err), false);
      return true;
    },
  );
  assert.equal(calls.length, 1);
  assert.deepEqual(waits, []);
  // A database error is an error, not a notice.
  assert.equal(isBusy({ code: "database", message: "x" }), false);
  assert.equal(isBusy(null), false);
});

test("a busy refusal that then fails otherwise reports the second error", async () => {
  const other = { code: "database", message: "数据库错误" };
  const { attempt, calls } = scripted([BUSY, other], "never");
  await assert.rejects(retryWhenBusy(attempt, "zh-CN", { sleep: async () => {} }), (err) => {
    assert.deepEqual(err, other);
    return true;
  });
  assert.equal(calls.length, 2);
});

test("the real pause waits before the retry", async () => {
  const { attempt, calls } = scripted([BUSY], "ok");
  const start = Date.now();
  assert.equal(await retryWhenBusy(attempt, "en", { waitMs: 60 }), "ok");
  assert.ok(calls[1] - calls[0] >= 55, `waited ${calls[1] - calls[0]} ms`);
  assert.ok(Date.now() - start >= 55);
});
