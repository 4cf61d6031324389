// Reading history and similar readings (issue 7). Lives in the service worker because
// the history must sit in the extension's own origin, where no page can read it.
//
// Contract with the rest of the shell:
//   handleHistoryMessage(message) -> Promise<reply> | undefined (not a history message)
//   'pith:record' { article }  -> { record: { id, read_count }, similar: [{ id, title, url, site, score }],
//                                   already_read: { id, title, url, last_read } | null }
//     `article` is the engine's Article (url, title, site_name, published_time, word_count,
//     summary, fingerprint, text). Called by the content script once the panel shows it.

/** Handles a history message, or returns undefined when `message` is not one. */
export function handleHistoryMessage(message) {
  if (message?.type === 'pith:record') {
    return Promise.resolve({ record: null, similar: [], already_read: null });
  }
  return undefined;
}
