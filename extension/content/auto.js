// Registered (scripting.registerContentScripts) on the sites the user chose: after
// panel.js and content.js, open the panel by itself when this page is an article.
globalThis.__pith?.run('auto');
