#!/usr/bin/env python3
"""Trunk post-build hook (after csp_hash.py): writes the service worker `sw.js` into the staged
dist directory. It lists every built file (the page, the app's wasm and JavaScript, both worker
bundles, the CSS, icons, manifest and example scenarios) with the SHA-256 of its content; the
cache is named after one hash of that whole list, so any changed file gives a new cache and a new
worker, and an unchanged build gives a byte-identical sw.js (the browser then sees no update).

Usage: python3 scripts/service_worker.py [DIST]  (Trunk passes the directory in TRUNK_STAGING_DIR)."""
import hashlib
import json
import os
import sys

WORKER = "sw.js"

TEMPLATE = """\
// Careflow's service worker, written by scripts/service_worker.py at build time from the built
// files; each entry carries the SHA-256 of its content, checked when it is cached.
//
// install:  fetch every listed file past the HTTP cache, check its hash, store it in CACHE.
// activate: delete every other careflow cache, then take control of open pages.
// fetch:    listed same-origin GETs come from CACHE (network if missing); a navigation to the
//           page itself (any ?query or #fragment) is answered with the cached index.html, so the
//           page, its scripts and its workers always come from one build.
// message:  SKIP_WAITING (sent by the page's Reload button) activates a waiting worker; until
//           then a new build waits, and nothing here ever reloads a page.
const VERSION = "__VERSION__";
const CACHE = "careflow-" + VERSION;
const FILES = __FILES__;

const scope = new URL(self.registration.scope);
const urlOf = (path) => new URL(path, scope).href;
const listed = new Map(FILES.map(([path, sha256]) => [urlOf(path), sha256]));
const INDEX = urlOf("index.html");

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(Array.from(listed, async ([url, sha256]) => {
    const response = await fetch(url, { cache: "reload" });
    if (!response.ok) throw new Error(`precache: ${url} answered ${response.status}`);
    const body = await response.clone().arrayBuffer();
    const got = hex(await crypto.subtle.digest("SHA-256", body));
    if (got !== sha256) throw new Error(`precache: ${url} is not the built file (hash ${got})`);
    await cache.put(url, response);
  }));
}

async function removeOld() {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith("careflow-") && n !== CACHE).map((n) => caches.delete(n)));
}

async function cached(url, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(url)) || fetch(request);
}

self.addEventListener("install", (event) => event.waitUntil(precache()));

self.addEventListener("activate", (event) => event.waitUntil(removeOld().then(() => self.clients.claim())));

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  if (request.mode === "navigate") {
    if (url.pathname === scope.pathname || url.href.split(/[?#]/)[0] === INDEX) {
      event.respondWith(cached(INDEX, request));
    }
    return;
  }
  const key = url.origin + url.pathname;
  if (listed.has(key)) event.respondWith(cached(key, request));
});
"""


def files(root):
    """Every file under `root` except the worker itself: (path relative to root with '/', sha256)."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            if rel == WORKER:
                continue
            with open(full, "rb") as f:
                out.append((rel, hashlib.sha256(f.read()).hexdigest()))
    return sorted(out)


def main():
    staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
    listed = files(staging)
    if not any(p == "index.html" for p, _ in listed):
        sys.exit(f"service_worker: no index.html in {staging}")
    version = hashlib.sha256("".join(f"{p} {h}\n" for p, h in listed).encode()).hexdigest()[:16]
    source = TEMPLATE.replace("__VERSION__", version).replace(
        "__FILES__", "[\n" + ",\n".join("  " + json.dumps(list(e)) for e in listed) + ",\n]"
    )
    with open(os.path.join(staging, WORKER), "w", encoding="utf-8") as f:
        f.write(source)
    print(f"service_worker: {WORKER} precaches {len(listed)} files as careflow-{version}")


if __name__ == "__main__":
    main()
