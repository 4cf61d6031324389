// The address a reading is recorded under (issue 15): the page the user was reading, as
// the browser reports it to the service worker, canonicalised so that the same page read
// twice is one record. A page's own claims (JSON-LD `url`, <link rel=canonical>) never
// choose the address: they may only merge the same story on the same origin.

// Query parameters that identify a campaign, a click or a mailing, never the page. Removed
// so that a shared link and a typed one give the same record. Matched case-insensitively.
const TRACKING_PARAMETERS = [
  /^utm_/, // Google Analytics campaigns (utm_source, utm_medium, …)
  /^(fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|li_fat_id)$/, // ad and social click ids
  /^(mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|vero_id|oly_anon_id|oly_enc_id)$/, // mailing-list ids
  /^(_ga|_gl)$/, // cross-domain analytics
];

const isTracking = (name) => TRACKING_PARAMETERS.some((pattern) => pattern.test(name.toLowerCase()));

/** The decoded name of a query pair ("utm%5Fsource=x" → "utm_source"). */
function parameterName(pair) {
  const name = pair.split('=')[0].replaceAll('+', ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * The canonical form of `href` (resolved against `base` when relative), or null when it
 * is not a page address Pith records (only http, https and file). Canonical means:
 * - the fragment dropped (#section names a place in the page, not another page);
 * - user name and password dropped (never stored);
 * - tracking parameters dropped (TRACKING_PARAMETERS), the others kept in their order;
 *   an empty query dropped;
 * - the host in lower case and the scheme's default port dropped, and the path's
 *   percent-encoding normalised, as the URL parser does.
 * The path is kept as it is: /a and /a/ may be different pages.
 */
export function canonicalAddress(href, base = undefined) {
  let url;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  // The query's own text, filtered pair by pair (URLSearchParams would re-encode the
  // pairs it keeps, so the same page would get two spellings).
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair && !isTracking(parameterName(pair)));
  url.search = kept.length ? `?${kept.join('&')}` : '';
  return url.href;
}

// A site's other editions of one page: its www, mobile and AMP hosts (m.example.com and
// amp.example.com serve example.com's stories). Dropped when comparing sites only, never
// from a recorded address.
const EDITION_HOST = /^(www|m|mobile|amp)\./;

/**
 * Are two web addresses editions of one site: the same host once a leading www., m.,
 * mobile. or amp. is dropped, over http or https? (An AMP or mobile page names the main
 * edition as its canonical address, on another origin.)
 */
export function sameSite(a, b) {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    const web = (url) => url.protocol === 'https:' || url.protocol === 'http:';
    const host = (url) => url.hostname.replace(EDITION_HOST, '');
    return web(x) && web(y) && host(x) === host(y) && host(x).includes('.');
  } catch {
    return false;
  }
}

/** `url` when it is a web (http or https) address, else null: only those become links. */
export function webAddress(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

/**
 * A reading's title as a link to `url` opening in a new tab, telling the target nothing
 * (no referrer, no opener); or as a plain `otherwise` element when `url` is not a web
 * address: a stored or imported record could carry javascript:, data: or nothing.
 */
export function readingLink(url, title, otherwise = 'span') {
  const href = webAddress(url);
  const node = document.createElement(href ? 'a' : otherwise);
  node.textContent = title;
  if (href) Object.assign(node, { href, target: '_blank', rel: 'noopener noreferrer' });
  return node;
}
