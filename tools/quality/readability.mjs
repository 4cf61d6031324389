// @mozilla/readability with jsdom, for the quality table (`make bench-quality`).
// Usage: node tools/quality/readability.mjs FILE...  (FILE may be .gz)
// Prints one JSON object per file (JSON Lines): content HTML, metadata, seconds.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

// Pages log CSS and script errors to jsdom's console; they are noise here.
const quiet = new VirtualConsole();

for (const file of process.argv.slice(2)) {
  let record;
  try {
    let bytes = readFileSync(file);
    if (file.endsWith(".gz")) bytes = gunzipSync(bytes);
    const start = process.hrtime.bigint();
    // jsdom sniffs the charset from the bytes (BOM, <meta charset>), as a browser does.
    const dom = new JSDOM(bytes, { url: "http://fakehost/test/page.html", virtualConsole: quiet });
    const a = new Readability(dom.window.document).parse();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    record = a
      ? {
          html: a.content,
          title: a.title,
          byline: a.byline,
          site_name: a.siteName,
          published_time: a.publishedTime,
          lang: a.lang,
          dir: a.dir,
          seconds,
        }
      : { error: "no article", seconds };
    dom.window.close();
  } catch (e) {
    record = { error: String(e) };
  }
  process.stdout.write(JSON.stringify({ file, ...record }) + "\n");
}
