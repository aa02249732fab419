"""`foia-desk extract PATH|- [--json] [--article-date YYYY-MM-DD] [--normalised]`.

Reads an article (a file through ingest, or stdin with ``-``), finds the federal agencies it
names, the bodies FOIA does not reach, candidate records to request, dates and whether the
text was run through a synonym spinner. ``--json`` prints the stable JSON of issue 3.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from datetime import date

from foia_desk.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="find agencies, records and dates in a news article",
        description="Read a news article and list the federal agencies it names (and those it "
                    "only hints at), bodies FOIA does not reach with where to ask instead, "
                    "candidate records to request, and the dates it mentions.",
    )
    parser.add_argument("path", metavar="PATH|-",
                        help="article file (.txt, .md, .html, .docx, .pdf) or - to read stdin")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--article-date", metavar="YYYY-MM-DD",
                        help="the article's publication date, used to resolve 'last year' or "
                             "'on Tuesday' (default: the date found in the file, if any)")
    parser.add_argument("--normalised", action="store_true",
                        help="also print the normalised reading of spun text, with each "
                             "substitution marked [original -> reading]")
    parser.set_defaults(func=run)


def _parse_date(value: str) -> date:
    from foia_desk.dates import parse_cli_date

    return parse_cli_date(value, "--article-date")


def _read(path: str) -> tuple[str, date | None]:
    from foia_desk.ingest import ingest_path, ingest_text

    if path == "-":
        data = sys.stdin.buffer.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            from foia_desk.ingest import ingest_bytes

            article = ingest_bytes(data, "stdin.txt")
            return article.text, article.date
        article = ingest_text(text)
        return article.text, article.date
    article = ingest_path(path)
    return article.text, article.date


def run(args: argparse.Namespace) -> int:
    from foia_desk.extract import extract, normalise_spun

    text, found_date = _read(args.path)
    if not text.strip():
        raise UserError("The article is empty: there is nothing to extract.")
    article_date = _parse_date(args.article_date) if args.article_date else found_date
    findings = extract(text, article_date)
    if args.json:
        data = findings.to_dict()
        if args.normalised:
            data["normalised"] = normalise_spun(text).to_dict()
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(summary(findings))
    if args.normalised:
        sys.stdout.write("\nNormalised reading\n" + marked_reading(text) + "\n")
    return 0


def marked_reading(text: str) -> str:
    """The normalised reading with each substitution shown as [original -> reading]."""
    from foia_desk.extract import normalise_spun

    parts, cursor = [], 0
    for sub in normalise_spun(text).substitutions:
        parts.append(text[cursor:sub.start])
        parts.append(f"[{sub.original} -> {sub.replacement}]")
        cursor = sub.end
    parts.append(text[cursor:])
    return "".join(parts)


def summary(findings) -> str:
    """A readable summary for people (the GUI shows the same findings in panels)."""
    lines: list[str] = []
    wrap = textwrap.TextWrapper(width=92, initial_indent="     ", subsequent_indent="     ")
    lines.append("Agencies")
    if not findings.agencies:
        lines.append("  (no federal agency found)")
    for agency in findings.agencies:
        where = f", {len(agency.mentions)} mention(s)" if agency.mentions else ""
        lines.append(f"  {agency.id:<10} {agency.name} [{agency.role}, "
                     f"confidence {agency.confidence:.2f}{where}]")
        if agency.role != "mentioned":
            lines.append(wrap.fill(agency.reason))
    lines.append("")
    lines.append("Not reachable by federal FOIA")
    if not findings.non_foia:
        lines.append("  (none found)")
    for body in findings.non_foia:
        lines.append(f"  {body.name} ({body.kind})")
        lines.append(wrap.fill("Why: " + body.reason))
        lines.append(wrap.fill("Instead: " + body.route))
    lines.append("")
    lines.append("Candidate records")
    if not findings.topics:
        lines.append("  (none found)")
    for number, topic in enumerate(findings.topics, 1):
        start, end = topic.date_range
        when = ""
        if start or end:
            when = f" [{start.isoformat() if start else '...'} to " \
                   f"{end.isoformat() if end else '...'}]"
        agencies = f" ({', '.join(topic.agencies)})" if topic.agencies else ""
        lines.append(textwrap.fill(f"{number:>2}. {topic.kind}: {topic.text}{when}{agencies}",
                                   width=92, subsequent_indent="     "))
    lines.append("")
    lines.append("Dates")
    if not findings.dates:
        lines.append("  (none found)")
    for found in findings.dates:
        value = found.date.isoformat() if found.date else "unresolved (no article date)"
        note = " (relative to the article date)" if found.relative and found.date else ""
        lines.append(f"  {found.text!r}: {value}{note}")
    lines.append("")
    spun = findings.spun
    verdict = "looks machine-spun; findings use a normalised reading" if spun.detected \
        else "does not look spun"
    lines.append(f"Spun text: {verdict} (score {spun.score:.2f}, "
                 f"{spun.substitutions} substitution(s)); see --normalised")
    return "\n".join(lines) + "\n"
