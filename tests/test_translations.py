"""The Danish message catalogue is complete, compiled and in step with the source strings.

Checks, with the standard library only (no polib, no gettext tools needed):

* every entry in ``django.po`` is translated (all plural forms), not fuzzy, not obsolete,
  and keeps the msgid's placeholders;
* the committed ``django.mo`` holds exactly what ``django.po`` holds (so nobody forgot to
  run ``compilemessages`` after editing the .po);
* every string that we can reliably extract from the source today (simple ``{% translate %}``
  and ``{% blocktranslate %}`` tags and ``_()`` in templates, gettext calls in Python found
  with ``ast``) is in the catalogue, so nobody forgot to run ``makemessages``;
* Django actually serves the Danish text, and English when English is chosen.
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nextwork"
LC_MESSAGES = PACKAGE / "locale" / "da" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

# Directories that makemessages is told to ignore (see the command in docs / the Makefile).
IGNORED_PARTS = {"allocation", "evaluation", "tests", "locale", "static", "migrations", "__pycache__"}


# --- a tiny .po parser -------------------------------------------------------------------------

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def _unquote(literal: str) -> str:
    # .po strings use C escapes; for the escapes gettext writes (\n \t \" \\) Python agrees.
    return ast.literal_eval(literal)


def parse_po(text: str) -> list[dict]:
    """Entries as dicts: msgctxt, msgid, msgid_plural, msgstr {index: text}, flags, obsolete, line."""
    entries: list[dict] = []
    current: dict | None = None
    key: tuple | None = None

    def new(lineno: int) -> dict:
        return {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {},
                "flags": set(), "obsolete": False, "line": lineno}

    def flush() -> None:
        nonlocal current
        if current is not None and (current["msgid"] is not None or current["obsolete"]):
            entries.append(current)
        current = None

    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
            key = None
            continue
        if line.startswith("#~"):
            if current is None:
                current = new(lineno)
            current["obsolete"] = True
            continue
        if line.startswith("#"):
            if current is not None and key is not None and key[0] == "msgstr":
                flush()
                key = None
            if current is None:
                current = new(lineno)
            if line.startswith("#,"):
                current["flags"].update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3))
            starts_new = keyword == "msgctxt" or (keyword == "msgid" and key is not None and key[0] == "msgstr")
            if starts_new:
                flush()
            if current is None:
                current = new(lineno)
            if keyword.startswith("msgstr"):
                key = ("msgstr", int(index) if index is not None else 0)
                current["msgstr"][key[1]] = value
            else:
                key = (keyword,)
                current[keyword] = value
            continue
        if line.startswith('"') and key is not None and current is not None:
            value = _unquote(line)
            if key[0] == "msgstr":
                current["msgstr"][key[1]] += value
            else:
                current[key[0]] += value
            continue
        raise AssertionError(f"{PO_FILE.name}:{lineno}: cannot parse {raw!r}")
    flush()
    return entries


@pytest.fixture(scope="module")
def po_entries() -> list[dict]:
    assert PO_FILE.exists(), f"{PO_FILE} is missing: run makemessages -l da"
    return parse_po(PO_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages(po_entries) -> list[dict]:
    """The real messages: without the header and obsolete entries."""
    return [e for e in po_entries if not e["obsolete"] and e["msgid"] != ""]


def _describe(entry: dict) -> str:
    return f"line {entry['line']}: {entry['msgid']!r}"


# --- (a) the catalogue is complete --------------------------------------------------------------

def test_catalogue_is_substantial(messages):
    assert len(messages) > 100


def test_header_declares_danish_with_two_plural_forms(po_entries):
    header = next(e for e in po_entries if e["msgid"] == "" and not e["obsolete"])
    assert "fuzzy" not in header["flags"], "the .po header is still marked fuzzy"
    text = header["msgstr"][0]
    assert re.search(r"^Language: da$", text, re.M), "the header must say Language: da"
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in text
    assert "charset=UTF-8" in text


def test_every_entry_is_translated(messages):
    untranslated = []
    for entry in messages:
        forms = [0, 1] if entry["msgid_plural"] is not None else [0]
        if any(not entry["msgstr"].get(i, "").strip() for i in forms):
            untranslated.append(_describe(entry))
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)


def test_no_fuzzy_or_obsolete_entries(po_entries):
    fuzzy = [_describe(e) for e in po_entries if "fuzzy" in e["flags"] and e["msgid"] != ""]
    obsolete = [e["line"] for e in po_entries if e["obsolete"]]
    assert not fuzzy, "fuzzy entries (check the translation, then remove the flag):\n" + "\n".join(fuzzy)
    assert not obsolete, f"obsolete #~ entries at lines {obsolete}: re-run makemessages with --no-obsolete"


_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def test_translations_keep_the_placeholders(messages):
    wrong = []
    for entry in messages:
        expected = sorted(_PLACEHOLDER.findall(entry["msgid"]))
        if entry["msgid_plural"] is not None:
            expected_plural = sorted(_PLACEHOLDER.findall(entry["msgid_plural"]))
            checks = [(expected, entry["msgstr"].get(0, "")), (expected_plural, entry["msgstr"].get(1, ""))]
        else:
            checks = [(expected, entry["msgstr"].get(0, ""))]
        for want, translated in checks:
            if sorted(_PLACEHOLDER.findall(translated)) != want:
                wrong.append(f"{_describe(entry)} -> {translated!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


# --- (b) the committed .mo matches the .po ------------------------------------------------------

def _po_catalogue(messages) -> dict:
    catalogue = {}
    for entry in messages:
        msgid = entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if entry["msgid_plural"] is not None:
            for index, text in entry["msgstr"].items():
                catalogue[(msgid, index)] = text
        else:
            catalogue[msgid] = entry["msgstr"][0]
    return catalogue


def test_compiled_mo_matches_the_po(messages):
    assert MO_FILE.exists(), f"{MO_FILE} is missing: run compilemessages and commit the .mo"
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    mo_catalogue = {k: v for k, v in compiled._catalog.items() if k != ""}  # noqa: SLF001 - "" is the header
    po_catalogue = _po_catalogue(messages)
    missing = sorted(str(k) for k in po_catalogue.keys() - mo_catalogue.keys())
    extra = sorted(str(k) for k in mo_catalogue.keys() - po_catalogue.keys())
    differ = sorted(str(k) for k in po_catalogue.keys() & mo_catalogue.keys() if po_catalogue[k] != mo_catalogue[k])
    hint = " - the .mo is stale: run compilemessages and commit django.mo"
    assert not missing, f"in the .po but not in the .mo{hint}:\n" + "\n".join(missing)
    assert not extra, f"in the .mo but not in the .po{hint}:\n" + "\n".join(extra)
    assert not differ, f"translated differently in the .mo{hint}:\n" + "\n".join(differ)


# --- (c) every extractable source string is in the catalogue ------------------------------------

def _source_files(pattern: str) -> list[Path]:
    return sorted(
        path for path in PACKAGE.rglob(pattern)
        if not IGNORED_PARTS.intersection(path.relative_to(PACKAGE).parts[:-1])
    )


_TRANS_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<text>(?:(?!(?P=q)).)*)(?P=q)(?P<rest>[^%]*)%\}""", re.S
)
_UNDERSCORE = re.compile(r"""\b_\((?P<q>["'])(?P<text>(?:(?!(?P=q)).)*)(?P=q)\)""")
_BLOCK = re.compile(
    r"\{%\s*blocktrans(?:late)?(?P<args>[^%]*)%\}(?P<body>.*?)\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)
_VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _template_msgids() -> dict[str, str]:
    """msgid -> where it was found; only forms whose msgid can be worked out for certain."""
    found: dict[str, str] = {}
    for path in _source_files("*.html"):
        source = path.read_text(encoding="utf-8")
        where = str(path.relative_to(ROOT))

        def add(text: str, offset: int, source=source, where=where) -> None:
            found.setdefault(text, f"{where}:{source.count(chr(10), 0, offset) + 1}")

        for match in _TRANS_TAG.finditer(source):
            text, rest = match.group("text"), match.group("rest")
            if "context" in rest or "\\" in text or "%" in text:
                continue
            add(text, match.start())
        for match in _UNDERSCORE.finditer(source):
            text = match.group("text")
            if "\\" not in text and "%" not in text:
                add(text, match.start())
        for match in _BLOCK.finditer(source):
            args, body = match.group("args"), match.group("body")
            if re.search(r"(?:^|\s)(?:context|count)\s+(?!=)", args) or "{%" in body or "%" in body:
                continue
            if "trimmed" in args.split():
                body = re.sub(r"\s*\n\s*", " ", body.strip())
            add(_VARIABLE.sub(r"%(\1)s", body), match.start())
    return found


_GETTEXT_FUNCTIONS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ugettext", "ugettext_lazy"}
_NGETTEXT_FUNCTIONS = {"ngettext", "ngettext_lazy"}
_PGETTEXT_FUNCTIONS = {"pgettext", "pgettext_lazy"}


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _python_msgids() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in _source_files("*.py"):
        source = path.read_text(encoding="utf-8")
        if "gettext" not in source:
            continue
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(source, filename=where)):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = _call_name(node)
            strings: list[str | None] = []
            if name in _GETTEXT_FUNCTIONS:
                strings = [_literal(node.args[0])]
            elif name in _NGETTEXT_FUNCTIONS and len(node.args) >= 2:
                strings = [_literal(node.args[0])]
            elif name in _PGETTEXT_FUNCTIONS and len(node.args) >= 2:
                context, text = _literal(node.args[0]), _literal(node.args[1])
                strings = [f"{context}\x04{text}" if context is not None and text is not None else None]
            for text in strings:
                if text:
                    found.setdefault(text, f"{where}:{node.lineno}")
    return found


def _po_msgids(messages) -> set[str]:
    return {
        e["msgid"] if e["msgctxt"] is None else f"{e['msgctxt']}\x04{e['msgid']}" for e in messages
    }


def test_template_strings_are_in_the_catalogue(messages):
    found = _template_msgids()
    assert len(found) > 50, "the template scan found suspiciously few strings"
    known = _po_msgids(messages)
    missing = sorted(f"{where}: {text!r}" for text, where in found.items() if text not in known)
    assert not missing, "not in django.po - run makemessages -l da and translate:\n" + "\n".join(missing)


def test_python_strings_are_in_the_catalogue(messages):
    found = _python_msgids()
    assert len(found) > 50, "the Python scan found suspiciously few strings"
    known = _po_msgids(messages)
    missing = sorted(f"{where}: {text!r}" for text, where in found.items() if text not in known)
    assert not missing, "not in django.po - run makemessages -l da and translate:\n" + "\n".join(missing)


# --- Django serves it ----------------------------------------------------------------------------

def test_settings_are_danish_first():
    assert settings.LANGUAGE_CODE == "da"
    assert [code for code, _name in settings.LANGUAGES] == ["da", "en"]
    assert PACKAGE / "locale" in [Path(p) for p in settings.LOCALE_PATHS]


@pytest.mark.parametrize(
    ("english", "danish"),
    [
        ("Youth consultant", "Ungekonsulent"),
        ("Team lead", "Teamleder"),
        ("Exit", "Afgang"),
        ("Follow-up", "Opfølgning"),
        ("Paid hours", "Løntimer"),
        ("Education with SU", "Uddannelse med SU"),
        ("Paused", "På pause"),
    ],
)
def test_django_serves_danish_and_english(english, danish):
    with translation.override("da"):
        assert translation.gettext(english) == danish
    with translation.override("en"):
        assert translation.gettext(english) == english


def test_plural_forms_work():
    with translation.override("da"):
        one = translation.ngettext("%(count)s young person", "%(count)s young people", 1) % {"count": 1}
        many = translation.ngettext("%(count)s young person", "%(count)s young people", 3) % {"count": 3}
    assert (one, many) == ("1 ung", "3 unge")
