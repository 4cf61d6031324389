// Registered (scripting.registerContentScripts) on the sites the user chose: after
// panel.js and content.js, open the panel by itself when this page is an article.
// An own property only: a page element with id="__pith" is a named property of window,
// which this isolated world sees too.
if (Object.hasOwn(globalThis, '__pith')) globalThis.__pith.run('auto');
