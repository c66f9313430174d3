// Bytes a browser fetches for its first search: the library, its WebAssembly, the index
// metadata, the index chunks the query needs and the fragments of the first results.
// Usage: node tests/browser/pagefind-bytes.mjs <site-dir> "<query>" [results=5]
// Prints one JSON line: {"query", "bytes", "requests", "results"}.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, query, shownArg] = process.argv.slice(2);
if (!root || !query) {
  console.error('usage: node pagefind-bytes.mjs <site-dir> "<query>" [results]');
  process.exit(2);
}
const shown = Number(shownArg || 5);
let bytes = 0;
let requests = 0;
const server = http.createServer((req, res) => {
  const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  const body = fs.readFileSync(file);
  bytes += body.length;
  requests += 1;
  res.writeHead(200, { 'Content-Length': body.length }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
// The library itself is the first request a browser makes.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pagefind-'));
const script = path.join(tmp, 'pagefind.mjs');
fs.writeFileSync(script, await (await fetch(`${base}/pagefind/pagefind.js`)).text());
const pagefind = await import(pathToFileURL(script).href);
await pagefind.options({ basePath: `${base}/pagefind/`, noWorker: true });
const search = await pagefind.search(query);
await Promise.all(search.results.slice(0, shown).map((r) => r.data()));
server.close();
fs.rmSync(tmp, { recursive: true, force: true });
console.log(JSON.stringify({ query, bytes, requests, results: search.results.length }));
