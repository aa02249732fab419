"""`foia-desk ingest PATH [--json]`: show the text (and metadata) the extractor will read."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="read an article file and print the text the extractor will see",
        description="Read an article (.txt, .md, .html, .docx or .pdf; '-' reads standard "
                    "input) and print its text exactly as the extractor will see it.",
    )
    parser.add_argument("path", metavar="PATH", help="the article file, or - for standard input")
    parser.add_argument("--json", action="store_true",
                        help="print JSON: text, title, outlet, date, kind, source_path, warnings")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from foia_desk.ingest import MAX_FILE_BYTES, ingest_bytes, ingest_path

    if args.path == "-":
        article = ingest_bytes(sys.stdin.buffer.read(MAX_FILE_BYTES + 1), None)
    else:
        article = ingest_path(args.path)
    if args.json:
        _write(json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _write(article.text if article.text.endswith("\n") else article.text + "\n")
        for warning in article.warnings:
            print(f"foia-desk: note: {warning}", file=sys.stderr)
    return 0


def _write(text: str) -> None:
    """Print ``text``; a console that cannot show some characters gets UTF-8 bytes instead."""
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
