// The address module on its own (plain Node): which claimed addresses may continue a record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameSite } from '../../extension/shared/address.js';

test('a site’s www, mobile and AMP hosts are one site; other hosts, schemes and bare names are not', () => {
  for (const [a, b] of [
    ['https://www.example.com/a', 'https://example.com/a'],
    ['https://m.example.com/a', 'https://www.example.com/a'],
    ['https://amp.example.com/a', 'http://example.com/b'],
    ['https://mobile.news.example.co.uk/a', 'https://news.example.co.uk/a'],
  ]) {
    assert.ok(sameSite(a, b), `${a} ${b}`);
  }
  for (const [a, b] of [
    ['https://example.com/a', 'https://example.org/a'],
    ['https://evil-example.com/a', 'https://example.com/a'],
    ['https://m.evil.com/a', 'https://m.example.com/a'],
    ['https://sub.example.com/a', 'https://example.com/a'],
    ['https://www.localhost/a', 'https://m.localhost/a'],
    ['file:///www.example.com/a', 'https://example.com/a'],
    ['not a url', 'https://example.com/'],
  ]) {
    assert.ok(!sameSite(a, b), `${a} ${b}`);
  }
});
