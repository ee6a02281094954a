"""Rewrites the design system's @font-face rules to name only the woff2 files we vendor. (dkfds lists the
regular weight's .woff before its .woff2, so browsers asked for a file we do not ship.)"""

import re
import sys


def woff2_only(css: str) -> str:
    def keep_woff2(match: re.Match) -> str:
        sources = [s for s in re.findall(r'url\([^)]*\)(?:\s*format\("[^"]*"\))?', match.group(1)) if ".woff2" in s]
        return "src:" + ",".join(sources)
    return re.sub(r"src:((?:url\([^)]*\)(?:\s*format\(\"[^\"]*\"\))?,?)+)", keep_woff2, css)


if __name__ == "__main__":
    path = sys.argv[1]
    with open(path, encoding="utf-8") as handle:
        css = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(woff2_only(css))
