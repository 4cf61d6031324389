// Similar readings that make sense (issue 19): one story under two addresses is one
// reading (its mobile or AMP edition is one record; a re-post on another site is "already
// read", never a similar reading), never listed twice, never similar to itself; and an
// unrelated article is not listed even when the history holds little else.
// The sites are *.localhost hosts, which the browser sends to this machine.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { historyFrame, historyRecords, launch, panelText, serve, waitFor, test } from './harness.mjs';

/** A plain news page around `paragraphs`, with `head` (e.g. a canonical link) in its head. */
function page(title, paragraphs, head = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Coast Herald</title>${head}</head>
<body><nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<main><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main><footer>© Coast Herald</footer></body></html>`;
}

const HARBOUR = [
  'Engineers have finished repairing the old harbour wall in Porthmellin after two winter storms tore a forty-metre breach in the granite breakwater.',
  'The council said the repair cost two million pounds and used granite blocks recovered from the seabed, lifted by a floating crane from Falmouth.',
  'Fishermen had moored their boats in the next village since January, when waves overtopped the wall and flooded the fish market on the quay.',
  'The harbour master said the boats would return on Monday, and that a new concrete core should keep the breakwater standing for another century.',
];
const HARBOUR_NEWS = [
  'Fishing boats returned to Porthmellin harbour on Monday, a week after engineers finished rebuilding the storm-damaged breakwater and harbour wall.',
  'The harbour master welcomed the fleet back to the quay, where the fish market reopened after months of flood repairs paid for by the council.',
  'Skippers said the winter storms had cost them weeks at sea, and that mooring in the next village had doubled the time it took to land their catch.',
  'The council is now asking the government for help to strengthen the rest of the harbour wall against the bigger waves expected in future winters.',
];
const BAKERY = [
  'A family bakery in a small village has won the national award for the best sourdough bread, beating more than three hundred entries from across the country.',
  'The baker said the secret was a starter kept alive for forty years, slow fermentation overnight and flour milled at a farm down the road.',
  'Judges praised the crisp crust, the open crumb and the gentle sour flavour of the winning loaf, and the shop now has queues every morning.',
  'The prize comes with a cash award that the owners plan to spend on a new wood-fired oven.',
];

let server;
let browser;
const at = (host, path) => server.url(path).replace('127.0.0.1', host);

before(async () => {
  // Filled once the server has its port (the mobile edition's canonical link names it):
  // the server looks routes up when asked.
  const routes = {};
  server = await serve(routes);
  Object.assign(routes, {
    '/harbour': page('Harbour wall repaired after winter storms', HARBOUR),
    '/m/harbour': page('Harbour wall repaired after winter storms', HARBOUR, `<link rel="canonical" href="${at('news.localhost', '/harbour')}">`),
    '/repost': page('Storm-hit harbour wall is repaired', HARBOUR),
    '/boats': page('Fishing boats return to Porthmellin harbour', HARBOUR_NEWS),
    '/bakery': page('Village bakery wins national sourdough prize', BAKERY),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const records = () => historyRecords(browser.worker);

/** Reads `url` in the panel; resolves to the history frame's { already, similar } titles. */
async function read(url) {
  const tab = await browser.context.newPage();
  await tab.goto(url);
  const before = (await records()).reduce((n, r) => n + r.read_count, 0);
  await browser.clickAction(tab);
  await waitFor(() => panelText(tab), `the panel on ${url}`);
  await waitFor(async () => (await records()).reduce((n, r) => n + r.read_count, 0) > before, `the record of ${url}`);
  const frame = await historyFrame(tab);
  const shown = await frame.evaluate(() => {
    const section = (heading) => [...document.querySelectorAll('h3')].find((h) => h.textContent === heading)?.nextElementSibling;
    // Each reading's first child is its title (a link, or plain text); its site follows.
    const titles = (list) => [...(list?.querySelectorAll('li') ?? [])].map((li) => li.firstChild.textContent);
    return { already: titles(section('You already read this')), similar: titles(section('Similar readings')), text: document.body.innerText };
  });
  await tab.close();
  return shown;
}

test('one story at its mobile address, re-posted elsewhere and read again is one reading; unrelated ones are not listed', async () => {
  const first = await read(at('news.localhost', '/harbour'));
  assert.match(first.text, /Nothing in your history is like this article yet/);

  // The mobile edition names the main one as canonical: the same record, read twice.
  const mobile = await read(at('m.news.localhost', '/m/harbour'));
  assert.deepEqual(mobile.similar, [], 'never similar to itself');
  const all = await records();
  assert.equal(all.length, 1, `one record: ${all.map((r) => r.url)}`);
  assert.equal(all[0].url, at('news.localhost', '/harbour'));
  assert.equal(all[0].read_count, 2);

  // A re-post on another site: "already read" (it stays its own record: a page may never
  // rewrite another site's), and not a similar reading.
  const repost = await read(at('other.localhost', '/repost'));
  assert.deepEqual(repost.already, ['Harbour wall repaired after winter storms']);
  assert.deepEqual(repost.similar, []);

  // An unrelated story, with little else in the history: nothing listed.
  const bakery = await read(at('news.localhost', '/bakery'));
  assert.deepEqual(bakery.similar, [], `unrelated readings listed: ${bakery.similar}`);
  assert.match(bakery.text, /Nothing in your history is like this article yet/);

  // A related story: the harbour story once (the original or its re-post), never the bakery.
  const boats = await read(at('news.localhost', '/boats'));
  assert.equal(boats.similar.length, 1, `the harbour story once: ${boats.similar}`);
  assert.match(boats.similar[0], /harbour wall/i);
  assert.deepEqual(boats.already, []);
});
