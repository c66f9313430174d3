// Search page enhancement. Without this script the page offers browse lists; with it, the
// form queries the site's Pagefind bundle and lists results with the page's own markup.
// Nothing here is loaded from another host. Its words are the page's (the theme's wording,
// in the page's `signpost-words` block); without them the page stays as it is.

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

function readWords() {
  try {
    return JSON.parse(document.getElementById('signpost-words').textContent).text || null;
  } catch {
    return null;
  }
}
const words = readWords();

/** The words of `key` with each {name} filled in, in one pass (a {name} in a value stays). */
function say(key, values = {}) {
  return (words[key] || '').replace(/\{(\w+)\}/g, (whole, name) =>
    (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole));
}

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
  const facts = [data.filters.kind, data.filters.tier ? say('tier_badge', { tier: String(data.filters.tier) }) : null]
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
  status.textContent = say('search_searching');
  const search = await pagefind.search(query || null, { filters });
  const shown = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  for (const data of shown) list.append(resultItem(data));
  list.hidden = shown.length === 0;
  const n = search.results.length;
  status.textContent = n === 0
    ? say('search_none', { query })
    : say('search_status', {
      count: say(n === 1 ? 'search_count_one' : 'search_count_many', { count: String(n) }),
      for: query ? say('search_for', { query }) : '',
      more: n > MAX_RESULTS ? say('search_first', { count: String(MAX_RESULTS) }) : '',
    });
}

async function start() {
  // Without its words the page stays as it is without JavaScript: the browse lists.
  if (!words) return;
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
