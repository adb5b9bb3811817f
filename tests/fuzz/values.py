"""What a hostile (or careless) client sends: Hypothesis strategies for one field's value and a whole form.

Values mix the plausible (an option the page offered, the value it rendered) with the hostile: NUL bytes,
huge and negative numbers, numbers in other scripts, dates that do not exist, very long text, right-to-left
marks, combining characters, emoji, markup and SQL. Surrogates (category Cs) are left out: they cannot be
encoded into a request. A field may be missing, or repeated (a QueryDict list) with several values.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

from tests.fuzz.discover import Field

BIG = 10**30
HOSTILE = (
    "\x00",
    "a\x00b",
    "1\x00",
    "%00",
    "",
    " ",
    "\t\r\n",
    "0",
    "-1",
    "-0",
    str(BIG),
    str(-BIG),
    "99999999999999999999",
    "9223372036854775808",  # one past PostgreSQL's bigint
    "2147483648",  # one past integer
    "1e309",
    "NaN",
    "inf",
    "-inf",
    "1.5",
    "0x10",
    "１２",  # full-width digits
    "٣",  # Arabic-Indic three
    "²",  # a digit to str.isdigit(), not to int()
    "\u200f12",  # right-to-left mark
    "\u202eevil",  # right-to-left override
    "e\u0301\u0301\u0301",  # combining accents
    "😀",
    "👩‍👩‍👧",  # a zero-width-joined emoji
    "\ufeff",
    "\uffff",
    "\U0010ffff",
    "2027-02-30",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "31/12/2027",
    "2027-01-01T25:61",
    "true",
    "None",
    "null",
    "[]",
    "{}",
    "' OR 1=1 --",
    '"; DROP TABLE x; --',
    "<script>alert(1)</script>",
    "../../../etc/passwd",
    "//evil.example/",
    "javascript:alert(1)",
    "x" * 10_000,
    "Zoë " * 500,
)

# Text from every category but surrogates, so RTL marks, combining characters, emoji and full-width digits
# all come up; and NUL, which category Cc includes.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
NUMBERS = st.one_of(
    st.integers(min_value=-(BIG * BIG), max_value=BIG * BIG).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
HOSTILE_VALUES = st.one_of(st.sampled_from(HOSTILE), TEXT, NUMBERS)


def value(known: list[str]) -> st.SearchStrategy[str]:
    """One value for a field: one the page offered (when it offered any) or a hostile one."""
    if known:
        return st.one_of(st.sampled_from(known), HOSTILE_VALUES)
    return HOSTILE_VALUES


def upload() -> st.SearchStrategy[SimpleUploadedFile]:
    names = st.one_of(st.sampled_from(["photo.png", "students.csv", "x.exe", "a\x00.csv", "😀.csv"]), TEXT)
    header = st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"first_name,last_name,grade\n", b"\xff\xfe"])
    return st.builds(
        lambda name, head, body: SimpleUploadedFile(name or "f", head + body), names, header, st.binary(max_size=200)
    )


def field_value(fld: Field) -> st.SearchStrategy[Any]:
    """A field's value in a request: missing (None), one value, or the field repeated."""
    one = upload() if fld.kind == "file" else value(fld.values)
    return st.one_of(one, st.none(), st.lists(one, min_size=2, max_size=3))


def form_data(fields: dict[str, Field]) -> st.SearchStrategy[dict[str, Any]]:
    """A whole request's data; missing fields are left out."""
    strategies = {name: field_value(fld) for name, fld in sorted(fields.items())}
    return st.fixed_dictionaries(strategies).map(lambda data: {k: v for k, v in data.items() if v is not None})
