// Runs one script of memcached operations through memjs (binary protocol).
// Usage: node memjs_client.js PORT   (memjs on NODE_PATH)
// Exits non-zero on the first operation whose result is not what memcached gives.
// memjs 1.3 has no cas and no multi-get command: its multi-get is pipelined gets.
'use strict';
const memjs = require('memjs');
const crypto = require('crypto');
const assert = require('assert');

const port = process.argv[2];
const client = memjs.Client.create(`127.0.0.1:${port}`, { timeout: 5, retries: 0 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const p = 'js:';
const text = async (key) => {
  const { value } = await client.get(key);
  return value === null ? null : value.toString();
};

async function main() {
  await client.flush();
  assert.strictEqual(await client.set(p + 'k', 'v1', {}), true);
  assert.strictEqual(await text(p + 'k'), 'v1');
  assert.strictEqual(await client.add(p + 'k', 'x', {}), false);
  assert.strictEqual(await client.replace(p + 'k', 'v1', {}), true);
  await client.set(p + 'k2', 'v2', {});
  const multi = await Promise.all([p + 'k', p + 'k2', p + 'missing'].map(text));
  assert.deepStrictEqual(multi, ['v1', 'v2', null]);

  assert.strictEqual((await client.increment(p + 'n', 5, { initial: 10 })).value, 10);
  assert.strictEqual((await client.increment(p + 'n', 5, {})).value, 15);
  assert.strictEqual((await client.decrement(p + 'n', 100, {})).value, 0);

  await client.set(p + 's', 'mid', {});
  assert.strictEqual(await client.append(p + 's', '-end'), true);
  assert.strictEqual(await text(p + 's'), 'mid-end');
  // memjs 1.3's prepend sends the append opcode, so it is not checked here.

  await client.set(p + 't', 'soon', { expires: 1 });
  assert.strictEqual(await client.touch(p + 't', 100), true);
  await client.set(p + 'gone', 'soon', { expires: 1 });
  await sleep(2100);
  assert.strictEqual(await text(p + 't'), 'soon');
  assert.strictEqual(await text(p + 'gone'), null);

  assert.strictEqual(await client.delete(p + 'k2'), true);
  assert.strictEqual(await text(p + 'k2'), null);
  assert.strictEqual(await client.delete(p + 'k2'), false);

  const large = crypto.randomBytes(900 * 1024);
  assert.strictEqual(await client.set(p + 'large', large, {}), true);
  assert.ok((await client.get(p + 'large')).value.equals(large));

  const stats = await new Promise((resolve, reject) => {
    client.stats((err, server, s) => (err ? reject(err) : resolve(s)));
  });
  for (const name of ['curr_items', 'get_hits', 'cmd_set', 'version']) {
    assert.ok(name in stats, `stats lack ${name}`);
  }
  client.close();
  console.log('memjs: ok');
}

main().catch((err) => {
  console.error(err);
  client.close();
  process.exit(1);
});
