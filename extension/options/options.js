// Options page: what Pith does and, later, the sites it cleans by itself.
document.getElementById('version').textContent = `Version ${chrome.runtime.getManifest().version}`;
