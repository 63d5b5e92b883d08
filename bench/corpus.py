"""Synthetic but valid policy corpora for the benchmark.

Every organisation is a copy of an example organisation (policies/sociare by default: three
privacy-statement versions with summaries after the first, a cookie statement, Dutch and French
texts) with its own folder name, name, enterprise number, web address and effective dates (all
in the past). A policies/site.yaml names the first organisation as the operator. No versions.lock
is written, so `privacy-site check` does not enforce locks on the result.

    python bench/corpus.py OUTPUT_DIR N
"""

from __future__ import annotations

import argparse
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "policies" / "sociare"
_SYLLABLES = ("ra", "ve", "lo", "kan", "ti", "mo", "sa", "ber", "na", "lis", "do", "fer", "qua", "mi", "ze", "tor")
_DATED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.yaml$")
_ENTERPRISE = re.compile(r'^enterprise_number: .*$', re.MULTILINE)


def slug_for(index: int) -> str:
    """Folder name of organisation `index` (1-based)."""
    return f"org-{index:04d}"


def name_for(index: int) -> str:
    """A pronounceable organisation name, unique per index and without digits.

    (A digit in the name would count as a number in the texts, and the check compares the
    numbers of each translation.)
    """
    syllables = []
    while True:
        index, digit = divmod(index, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
        if not index:
            break
    word = "".join(reversed(syllables))
    return word.capitalize() if len(syllables) > 1 else f"{word.capitalize()}vero"


def enterprise_number(index: int) -> str:
    """A valid Belgian enterprise number (mod-97 check digits), different per organisation."""
    first8 = f"{4_000_000 + index * 1237:08d}"
    check = 97 - int(first8) % 97
    digits = f"{first8}{check:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def _vary(text: str, template_slug: str, template_name: str, index: int) -> str:
    slug = slug_for(index)
    text = text.replace(template_name, name_for(index))
    text = re.sub(re.escape(template_slug), slug, text, flags=re.IGNORECASE)
    return _ENTERPRISE.sub(f'enterprise_number: "{enterprise_number(index)}"', text)


def _template_name(template: Path) -> str:
    match = re.search(r"^name:\s*\n\s+nl:\s*(.+)$", (template / "organisation.yaml").read_text("utf-8"), re.MULTILINE)
    if not match:
        raise SystemExit(f"{template}/organisation.yaml: no name.nl found")
    return match[1].strip().strip("\"'")


def _days_ahead(template: Path) -> int:
    """How many days the template's latest effective date lies after yesterday (0 when it is already past)."""
    days = [date(int(m[1]), int(m[2]), int(m[3])) for f in template.rglob("*.yaml") if (m := _DATED.match(f.name))]
    return max(0, (max(days, default=date.today()) - date.today()).days + 1)


def write_organisation(dest: Path, index: int, template: Path = TEMPLATE) -> int:
    """Write organisation `index` under dest/; return the number of YAML files written."""
    template_name = _template_name(template)
    folder = dest / slug_for(index)
    # Earlier than the template's dates, and every date in the past (the template may have an upcoming version).
    shift = timedelta(days=index % 365 + _days_ahead(template))
    written = 0
    for source in sorted(template.rglob("*.yaml")):
        relative = source.relative_to(template)
        dated = _DATED.match(relative.name)
        if dated:
            day = date(int(dated[1]), int(dated[2]), int(dated[3])) - shift
            relative = relative.with_name(f"{day.isoformat()}.yaml")
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_vary(source.read_text("utf-8"), template.name, template_name, index), "utf-8")
        written += 1
    return written


def generate(dest: Path, count: int, template: Path = TEMPLATE) -> int:
    """Replace dest/ with a corpus of `count` organisations; return the number of YAML files."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    files = sum(write_organisation(dest, index, template) for index in range(1, count + 1))
    (dest / "site.yaml").write_text(
        "# The organisation that operates this (benchmark) site.\n"
        f"operator: {slug_for(1)}\n", "utf-8")
    return files + 1


def main() -> None:
    """Command line: write a corpus of N organisations."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--template", type=Path, default=TEMPLATE, help="example organisation folder to copy")
    args = parser.parse_args()
    files = generate(args.output, args.count, args.template)
    print(f"{args.count} organisations, {files} YAML files in {args.output}")


if __name__ == "__main__":
    main()
