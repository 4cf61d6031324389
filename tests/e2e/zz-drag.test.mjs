import { after, before } from 'node:test';
import { historyFrame, historyText, inPanel, launch, serve, test } from './harness.mjs';

const art = (t) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${t}</title></head><body><article><h1>${t}</h1>${Array.from({ length: 8 }, (_, i) => `<p>The harbour town voted on Tuesday to restore its old lighthouse, paragraph ${i} with enough words to be read as an article by the engine today.</p>`).join('')}</article></body></html>`;
let server, browser;
before(async () => { server = await serve({ '/a': art('Tarrowby harbour lighthouse'), '/b': art('Another harbour lighthouse story') }); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('drag', async () => {
  const p1 = await browser.context.newPage();
  await p1.goto(server.url('/a'));
  await browser.clickAction(p1);
  await historyFrame(p1);
  await p1.close();
  const page = await browser.context.newPage();
  await page.goto(server.url('/b').replace('127.0.0.1', 'localhost'));
  await browser.clickAction(page);
  console.log(await historyText(page));
  const frame = await historyFrame(page);
  await page.evaluate(() => {
    window.__drops = [];
    for (const t of ['dragenter', 'dragover', 'drop', 'mousemove']) window.addEventListener(t, (e) => { e.preventDefault(); if (t !== 'dragover') window.__drops.push(`${t} ${[...(e.dataTransfer?.types ?? [])].map((k) => `${k}=${e.dataTransfer.getData(k)}`).join(' ')}`); }, true);
  });
  await frame.evaluate(() => { window.__fd = []; for (const t of ['dragstart', 'dragend', 'mousedown']) document.addEventListener(t, (e) => window.__fd.push(`${t} ${e.isTrusted}`), true); });
  const rect = await frame.evaluate(() => JSON.stringify(document.querySelector('li a').getBoundingClientRect()));
  console.log('link in frame', rect);
  const host = await inPanel(page, (root) => JSON.parse(JSON.stringify(root.querySelector('section.history').getBoundingClientRect())));
  const r = JSON.parse(rect);
  const box = { x: host.x + r.x, y: host.y + r.y, width: r.width, height: r.height };
  console.log('box', JSON.stringify(box));
  const b = box ?? { x: 0, y: 0, width: 0, height: 0 };
  await page.mouse.move(b.x + 5, b.y + b.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(b.x + 5 + i * 3, b.y + b.height / 2 - i * 20);
  await page.mouse.up();
  await new Promise((r) => setTimeout(r, 500));
  console.log('page saw', await page.evaluate(() => window.__drops.filter((l) => !l.startsWith('mousemove')).join('\n') + ` | mousemoves ${window.__drops.filter((l) => l.startsWith('mousemove')).length}`));
  console.log('frame saw', await frame.evaluate(() => window.__fd.join(', ')));
});
