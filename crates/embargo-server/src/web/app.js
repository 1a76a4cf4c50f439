// embargo web UI: search, entity and lists pages over the JSON API.
// Plain JavaScript, no dependencies; all text is inserted as text, never HTML.
"use strict";

const $ = (id) => document.getElementById(id);

// Creates an element with attributes and children (strings become text).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

function setStatus(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", Boolean(isError));
}

// The API key typed in the page's "API key" box, kept in this tab's
// sessionStorage (gone when the tab closes) and sent with every request.
const KEY_STORAGE = "embargo.apiKey";

function storedKey() {
  try { return sessionStorage.getItem(KEY_STORAGE) || ""; } catch { return ""; }
}

function initKeyField() {
  const field = $("api-key");
  if (!field) return;
  field.value = storedKey();
  field.addEventListener("input", () => {
    const key = field.value.trim();
    try {
      if (key) sessionStorage.setItem(KEY_STORAGE, key); else sessionStorage.removeItem(KEY_STORAGE);
    } catch { /* storage disabled: the key is not kept */ }
  });
}

async function getJson(url) {
  const headers = { Accept: "application/json" };
  const key = storedKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  const response = await fetch(url, { headers });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401 || response.status === 403) {
    throw new Error(`${body.detail || response.statusText} — enter your API key in the “API key” box at the top of the page.`);
  }
  if (!response.ok) throw new Error(body.detail || `${response.status} ${response.statusText}`);
  return body;
}

const percent = (score) => `${Math.round(score * 100)}%`;
const signed = (x) => (x >= 0 ? "+" : "−") + Math.abs(x).toFixed(2);
const entityLink = (id, text) => el("a", { href: `/ui/entity?id=${encodeURIComponent(id)}` }, text);

// ---- search page ----

const FIELDS = ["q", "type", "dob", "country"];

function formParams() {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = $(name).value.trim();
    if (value && !(name === "type" && value === "any")) params.set(name, value);
  }
  return params;
}

async function runSearch(params) {
  if (!params.get("q")) return;
  setStatus("Searching…");
  $("results").replaceChildren();
  try {
    const body = await getJson(`/search?${params}`);
    const results = body.results;
    const matches = results.filter((r) => r.match).length;
    setStatus(results.length === 0
      ? `No result above ${percent(body.cutoff)} for “${body.query.name}”.`
      : `${results.length} result${results.length === 1 ? "" : "s"} for “${body.query.name}”, ` +
        `${matches} at or above the match threshold ${percent(body.threshold)}.`);
    $("results").replaceChildren(...results.map((r, i) => renderResult(r, i + 1)));
    $("served").textContent = body.lists.some((l) => l.source === "demo")
      ? "Screened against the bundled demo list (8 entities), not the official lists: this server has no store."
      : "Screened against " + body.lists.map((l) => `${l.source} ${l.version}`).join(", ") + ".";
  } catch (error) {
    setStatus(error.message, true);
  }
}

function renderResult(result, rank) {
  const kind = result.match ? "match" : "near";
  const props = result.properties;
  const facts = [
    result.schema,
    result.datasets.join(", "),
    (props.birthDate || []).length ? `born ${props.birthDate.join(", ")}` : null,
    (props.nationality || []).length ? `nationality ${props.nationality.join(", ").toUpperCase()}` : null,
    result.programs.length ? `programs ${result.programs.join(", ")}` : null,
  ].filter(Boolean).join(" · ");
  return el("li", { class: `result ${kind}`, "data-id": result.id },
    el("div", { class: "head" },
      el("span", { class: "rank meta" }, `${rank}.`),
      el("span", { class: "caption" }, entityLink(result.id, result.caption)),
      el("span", { class: `badge ${kind}`, title: `score ${result.score.toFixed(3)}` },
        `${percent(result.score)} ${result.match ? "match" : "below threshold"}`),
      el("span", { class: "meta" }, result.id)),
    el("div", { class: "meta" }, facts),
    renderExplanation(result));
}

function renderExplanation(result) {
  const why = result.explanation;
  const box = el("div", { class: "why" });
  box.append(el("p", { class: "summary" }, el("strong", {}, "Why: "), result.summary));
  if (why.alignment && why.alignment.pairs.length) {
    box.append(el("table", { class: "align" },
      el("caption", { class: "sr-only" }, "Word alignment"),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "query word"),
        el("th", { scope: "col" }, `word in “${why.matched_name}”`),
        el("th", { scope: "col" }, "agreement"), el("th", { scope: "col", class: "num" }, "similarity"))),
      el("tbody", {}, why.alignment.pairs.map((pair) =>
        el("tr", {}, el("td", {}, pair.query), el("td", {}, pair.listed),
          el("td", { class: pair.agreement === "exact" ? "exact" : "" }, String(pair.agreement).replace(/_/g, " ")),
          el("td", { class: "num" }, Number(pair.similarity).toFixed(2)))))));
  }
  const effects = why.features.map((f) => el("li", {},
    el("span", { class: `effect ${f.effect >= 0 ? "pos" : "neg"}` }, signed(f.effect)), ` ${f.feature.replace(/_/g, " ")}: ${f.detail}`));
  box.append(el("ul", { class: "features" }, effects));
  return box;
}

function initSearch() {
  const form = $("search-form");
  const params = new URLSearchParams(location.search);
  for (const name of FIELDS) if (params.has(name)) $(name).value = params.get(name);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = formParams();
    history.pushState(null, "", `/?${next}`);
    runSearch(next);
  });
  window.addEventListener("popstate", () => {
    const again = new URLSearchParams(location.search);
    for (const name of FIELDS) $(name).value = again.get(name) || (name === "type" ? "any" : "");
    runSearch(again);
  });
  $("q").focus();
  runSearch(params);
}

// ---- entity page ----

function addField(list, label, values) {
  for (const value of [].concat(values || [])) {
    if (value === "" || value === null || value === undefined) continue;
    list.append(el("dt", {}, label), el("dd", {}, value));
  }
}

const PROPERTY_LABELS = [
  ["alias", "alias"], ["weakAlias", "weak alias"], ["previousName", "former name"], ["title", "title"],
  ["gender", "gender"], ["birthDate", "born"], ["birthPlace", "birthplace"], ["incorporationDate", "established"],
  ["nationality", "nationality"], ["citizenship", "citizenship"], ["country", "countries"], ["address", "address"],
  ["passportNumber", "passport"], ["idNumber", "id number"], ["taxNumber", "tax id"],
  ["registrationNumber", "registration"], ["imoNumber", "IMO"], ["mmsi", "MMSI"], ["callSign", "call sign"],
  ["email", "email"], ["phone", "phone"], ["website", "website"], ["cryptoWallet", "wallet"],
  ["program", "program"], ["listingDate", "listed on"], ["type", "vessel type"], ["flag", "flag"],
  ["tonnage", "tonnage"], ["grossRegisteredTonnage", "GRT"], ["owner", "owner"], ["notes", "remark"],
];

async function initEntity() {
  const id = new URLSearchParams(location.search).get("id");
  if (!id) { setStatus("No entity id given.", true); return; }
  try {
    const body = await getJson(`/entities/${encodeURIComponent(id)}`);
    document.title = `embargo — ${body.caption}`;
    $("title").textContent = body.caption;
    const fields = $("fields");
    addField(fields, "id", body.id);
    addField(fields, "type", body.schema);
    addField(fields, "list", `${body.list.source} ${body.list.version || ""}` +
      (body.list.published ? ` (published ${body.list.published})` : ""));
    for (const [key, label] of PROPERTY_LABELS) addField(fields, label, body.properties[key]);
    const links = [
      ...body.links.map((l) => ({ ...l, direction: "→" })),
      ...body.linked_from.map((l) => ({ ...l, direction: "←" })),
    ];
    if (links.length) {
      $("links-section").hidden = false;
      $("links").replaceChildren(...links.map((l) => el("li", {}, `${l.direction} ${l.relation}: `,
        l.id && l.served ? entityLink(l.id, l.name) : l.name, l.id ? ` (${l.id})` : "")));
    }
    setStatus("");
  } catch (error) {
    setStatus(error.message, true);
  }
  $("title").focus();
}

// ---- lists page ----

async function initLists() {
  try {
    const body = await getJson("/lists");
    $("summary").textContent = body.bundled_demo
      ? `No store: serving the bundled demo list (${body.entities} entities), not the official lists. Start the server with “--db PATH” to serve a store’s lists.`
      : `Serving ${body.entities.toLocaleString()} entities from ` +
        body.serving.map((s) => `${s.source} ${s.version}`).join(", ") +
        ` (generation ${body.generation}, loaded ${body.loaded_at} in ${body.load_seconds.toFixed(2)} s).`;
    const rows = [];
    for (const source of body.sources) {
      for (const v of [...source.versions].reverse()) {
        rows.push(el("tr", {}, el("td", {}, source.id), el("td", {}, source.format),
          el("td", {}, v.serving ? `${v.version} (serving)` : v.version),
          el("td", {}, v.published ? (v.published_from === "file" ? v.published : `${v.published} (${v.published_from})`) : "— (import time)"), el("td", {}, v.imported_at.replace("T", " ").slice(0, 19)),
          el("td", { class: "num" }, v.entities.toLocaleString()), el("td", {}, el("code", {}, v.content_hash.slice(0, 12)))));
      }
    }
    $("lists-table").querySelector("tbody").replaceChildren(...rows);
    $("lists-table").hidden = rows.length === 0;
    setStatus("");
  } catch (error) {
    setStatus(error.message, true);
  }
  $("title").focus();
}

const PAGES = { search: initSearch, entity: initEntity, lists: initLists };
initKeyField();
(PAGES[document.body.dataset.page] || (() => {}))();
