import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
const CORPUS='/work/shared/corpora/readability', PKG=process.argv[2]||'/work/pkg-names';
const ids=readdirSync(CORPUS).filter(d=>!/[A-Z_]{4}/.test(d)).sort().slice(0, Number(process.argv[3]||60));
const server=createServer((req,res)=>{const p=new URL(req.url,'http://x').pathname;
 if(/^\/page\/[^/]+\/$/.test(p)){res.writeHead(200,{'content-type':'text/html; charset=utf-8'}).end(readFileSync(join(CORPUS,p.split('/')[2],'source.html')));return;}
 if(p==='/pkg/pith.js'){res.writeHead(200,{'content-type':'text/javascript'}).end(readFileSync(join(PKG,'pith.js')));return;}
 if(p==='/pkg/pith_bg.wasm'){res.writeHead(200,{'content-type':'application/wasm'}).end(readFileSync(join(PKG,'pith_bg.wasm')));return;}
 res.writeHead(404).end();});
await new Promise(r=>server.listen(0,'127.0.0.1',r)); const origin=`http://127.0.0.1:${server.address().port}`;
const browser=await chromium.launch({executablePath:'/usr/bin/chromium',args:['--no-sandbox']});
const ctx=await browser.newContext(); await ctx.route(/^(?!http:\/\/127\.0\.0\.1)https?:/,r=>r.abort());
const page=await ctx.newPage(); const cdp=await ctx.newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval',{interval:100});
const self=new Map(); let total=0;
for(const id of ids){
 await page.goto(`${origin}/page/${id}/`,{waitUntil:'load'});
 await page.evaluate(async(o)=>{window.__p=await import(o+'/pkg/pith.js'); await window.__p.default({module_or_path:o+'/pkg/pith_bg.wasm'}); window.__p.clean(document.documentElement.outerHTML,location.href,{});},origin);
 await cdp.send('Profiler.start');
 await page.evaluate(()=>{for(let i=0;i<3;i++){window.__p.clean(document.documentElement.outerHTML,location.href,{});}});
 const {profile}=await cdp.send('Profiler.stop');
 const byId=new Map(profile.nodes.map(n=>[n.id,n]));
 const dt=profile.timeDeltas; 
 profile.samples.forEach((s,i)=>{const n=byId.get(s); const name=n.callFrame.functionName||'(anon '+n.callFrame.url.slice(-20)+')'; self.set(name,(self.get(name)||0)+(dt[i]||0)); total+=dt[i]||0;});
}
const top=[...self].sort((a,b)=>b[1]-a[1]).slice(0,45);
for(const [n,t] of top) console.log((100*t/total).toFixed(1).padStart(5)+'%  '+n.slice(0,150));
await browser.close(); server.close();
