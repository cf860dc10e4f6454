#!/usr/bin/env python3
"""Trunk post-build hook: puts the SHA-256 of each inline <script> Trunk generated into the page's
Content-Security-Policy, replacing the TRUNK_INLINE_SCRIPT_HASHES placeholder in index.html, so the
policy can forbid every other inline script ('unsafe-inline' is never needed)."""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
page = os.path.join(staging, "index.html")
html = open(page, encoding="utf-8").read()
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'" for s in scripts
)
if "TRUNK_INLINE_SCRIPT_HASHES" not in html:
    sys.exit("csp_hash: placeholder TRUNK_INLINE_SCRIPT_HASHES not found in index.html")
open(page, "w", encoding="utf-8").write(html.replace("TRUNK_INLINE_SCRIPT_HASHES", hashes))
print(f"csp_hash: {len(scripts)} inline script(s) hashed into the Content-Security-Policy")
