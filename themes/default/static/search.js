// Search page enhancement. Without this script the page offers browse lists; with it, the
// form queries the site's Pagefind bundle and lists results with the page's own markup.
// Nothing here is loaded from another host.

const form = document.querySelector('.search-form');
const input = document.getElementById('search-input');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const filterBox = document.querySelector('.search-filters');
const selects = {
  kind: document.getElementById('search-kind'),
  tier: document.getElementById('search-tier'),
  region: document.getElementById('search-region'),
};
const MAX_RESULTS = 20;

/** Pagefind's excerpts mark matches with <mark>; keep only text and those marks. */
function safeExcerpt(html) {
  const holder = document.createElement('template');
  holder.innerHTML = html;
  const out = document.createDocumentFragment();
  for (const node of holder.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      out.append(node.textContent);
    } else if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent);
    }
  }
  return out;
}

function link(url, text) {
  const a = document.createElement('a');
  a.href = url;
  a.textContent = text;
  return a;
}

function resultItem(data) {
  const li = document.createElement('li');
  li.className = 'search-result';
  const h = document.createElement('h3');
  h.append(link(data.url, data.meta.title || data.url));
  li.append(h);
  const facts = [data.filters.kind, data.filters.tier ? `${data.filters.tier} tier` : null]
    .flat()
    .filter(Boolean);
  if (facts.length) {
    const p = document.createElement('p');
    p.className = 'search-meta';
    p.textContent = facts.join(' · ');
    li.append(p);
  }
  const excerpt = document.createElement('p');
  excerpt.append(safeExcerpt(data.excerpt || ''));
  li.append(excerpt);
  // Steps and glossary terms are found on their own, as links to their place on the page.
  const subs = (data.sub_results || []).filter((s) => s.url !== data.url).slice(0, 3);
  if (subs.length) {
    const ul = document.createElement('ul');
    ul.className = 'search-subresults';
    for (const s of subs) {
      const item = document.createElement('li');
      item.append(link(s.url, s.title));
      ul.append(item);
    }
    li.append(ul);
  }
  return li;
}

function fillFilters(available) {
  let any = false;
  for (const [name, select] of Object.entries(selects)) {
    const values = Object.keys(available[name] || {}).sort();
    for (const v of values) {
      const option = document.createElement('option');
      option.value = v;
      option.textContent = v;
      select.append(option);
    }
    if (values.length) any = true;
  }
  filterBox.hidden = !any;
}

async function run(pagefind) {
  const query = input.value.trim();
  const filters = {};
  for (const [name, select] of Object.entries(selects)) {
    if (select.value) filters[name] = select.value;
  }
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  for (const [k, v] of Object.entries(filters)) params.set(k, v);
  history.replaceState(null, '', params.toString() ? `?${params}` : location.pathname);
  list.replaceChildren();
  if (!query && !Object.keys(filters).length) {
    list.hidden = true;
    status.textContent = '';
    return;
  }
  status.textContent = 'Searching…';
  const search = await pagefind.search(query || null, { filters });
  const shown = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  for (const data of shown) list.append(resultItem(data));
  list.hidden = shown.length === 0;
  const n = search.results.length;
  status.textContent = n === 0
    ? `No results for “${query}”. Try other words, or browse the lists below.`
    : `${n} result${n === 1 ? '' : 's'}${query ? ` for “${query}”` : ''}${n > MAX_RESULTS ? `, showing the first ${MAX_RESULTS}` : ''}.`;
}

async function start() {
  let pagefind;
  try {
    pagefind = await import('/pagefind/pagefind.js');
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
  } catch {
    // No bundle (e.g. opened from disk): the browse lists stay the way to find pages.
    return;
  }
  document.querySelector('.search-nojs')?.setAttribute('hidden', '');
  fillFilters(await pagefind.filters());
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  for (const [name, select] of Object.entries(selects)) select.value = params.get(name) || '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(pagefind);
  });
  for (const select of Object.values(selects)) select.addEventListener('change', () => run(pagefind));
  if (input.value || params.toString()) await run(pagefind);
}

start();
