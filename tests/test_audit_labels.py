"""Every kind of record the code writes to the audit log has a readable label on the audit-log page."""

import re
from pathlib import Path

from nextwork.core.audit import OBJECT_TYPE_LABELS

ROOT = Path(__file__).resolve().parent.parent / "nextwork"
LITERAL = re.compile(r'object_type="([a-z_]+)"')


def test_every_object_type_written_has_a_label():
    written = {match for path in ROOT.rglob("*.py") if "tests" not in path.parts
               for match in LITERAL.findall(path.read_text(encoding="utf-8"))}
    assert written, "the search found no audit calls"
    assert sorted(written - set(OBJECT_TYPE_LABELS)) == []
