"""`foia-desk draft`: draft one letter per agency from an article (or from given facts).

    foia-desk draft --article story.txt --agency uspis --agency ice --profile me.toml \
        --fee-waiver --expedite --out letters/

Records come from the article's extracted topics (``--topic N`` picks them, 1-based; by
default the topics concerning each agency, its components or its parent department, else all)
plus any ``--record TEXT``. Without ``--out`` the Markdown is printed; "before you send" notes
always go to stderr, never into the letter.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foia_desk.errors import UserError

if TYPE_CHECKING:
    from foia_desk.directory import Agency, Directory
    from foia_desk.drafting import DraftOptions, RecordItem
    from foia_desk.ingest import Article
    from foia_desk.letter import Letter
    from foia_desk.profiles import RequesterProfile

FILE_FORMATS = (".md", ".txt", ".docx", ".pdf", ".eml")
KIND_CHOICES = ("foia", "privacy-act", "follow-up", "appeal", "mediation")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "draft", help="draft request letters from an article",
        description="Draft one letter per --agency. Output format follows the --out extension "
                    "(.md .txt .docx .pdf .eml); with a folder, one file per agency.")
    p.add_argument("--article", metavar="PATH", help="news article to draft from")
    p.add_argument("--agency", metavar="ID", action="append", required=True,
                   help="agency id or name (repeat for several letters)")
    p.add_argument("--kind", choices=KIND_CHOICES, default="foia",
                   help="which letter to write (default foia)")
    p.add_argument("--topic", metavar="N", type=int, action="append", default=[],
                   help="use extracted topic N (1-based; repeatable)")
    p.add_argument("--record", metavar="TEXT", action="append", default=[],
                   help="add a records-list item in your own words (repeatable)")
    p.add_argument("--profile", metavar="FILE|NAME",
                   help="requester profile TOML file or saved profile name")
    p.add_argument("--expedite", action="store_true", default=None,
                   help="ask for expedited processing")
    p.add_argument("--expedite-reason", metavar="TEXT", default="",
                   help="why the public needs the records now")
    p.add_argument("--imminent-threat", action="store_true",
                   help="expedite because delay threatens someone's life or safety")
    p.add_argument("--fee-waiver", action="store_true", default=None, help="ask for a fee waiver")
    p.add_argument("--fee-limit", metavar="DOLLARS", help="most you will pay without being asked")
    p.add_argument("--date-start", metavar="YYYY-MM-DD",
                   help="earliest date of the records you want (default with --article: "
                        "the earliest date the article mentions)")
    p.add_argument("--date-end", metavar="YYYY-MM-DD",
                   help="latest date of the records you want (default: the date of the search)")
    p.add_argument("--subject", metavar="TEXT", default="", help="subject line topic")
    p.add_argument("--template", metavar="NAME", help="use this template instead of the default")
    p.add_argument("--tracking-number", metavar="TEXT", default="",
                   help="follow-up, appeal, mediation: the number the agency gave your request")
    p.add_argument("--request-date", metavar="YYYY-MM-DD",
                   help="follow-up, appeal, mediation: the date of your original request")
    p.add_argument("--determination-date", metavar="YYYY-MM-DD",
                   help="appeal: the date on the agency's decision letter")
    p.add_argument("--exemption", metavar="TEXT", action="append", default=[],
                   help="appeal, mediation: an exemption the agency cited, e.g. b5 (repeatable)")
    p.add_argument("--grounds", metavar="TEXT", default="",
                   help="appeal: what you challenge and why")
    p.add_argument("--dispute", metavar="TEXT", default="",
                   help="mediation: what the dispute is about")
    p.add_argument("--due-date", metavar="YYYY-MM-DD",
                   help="follow-up: the date the agency's answer was due")
    p.add_argument("--due-explanation", metavar="TEXT", default="",
                   help="follow-up: how that due date was counted (see foia-desk due)")
    p.add_argument("--birth-date", metavar="DATE", default="",
                   help="Privacy Act: your date of birth")
    p.add_argument("--birth-place", metavar="PLACE", default="",
                   help="Privacy Act: your place of birth")
    p.add_argument("--letter-date", metavar="YYYY-MM-DD", help="date on the letter (default today)")
    p.add_argument("--out", metavar="FILE|DIR", help="write here instead of printing")
    p.add_argument("--format", choices=[f[1:] for f in FILE_FORMATS], default="md",
                   help="file format when --out is a folder (default md)")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=run)


def parse_date(value: str | None, what: str) -> date | None:
    """An optional date option: None when not given, else the shared command-line rules."""
    from foia_desk.dates import parse_cli_date

    return parse_cli_date(value, what) if value else None


def resolve_profile(spec: str | None) -> RequesterProfile:
    from foia_desk import profiles

    if spec:
        path = Path(spec).expanduser()
        if path.suffix.lower() == ".toml" or path.exists():
            return profiles.load_profile(path)
        return profiles.find_profile(spec)[1]
    saved = [p for _, p in profiles.list_profiles() if isinstance(p, profiles.RequesterProfile)]
    if len(saved) == 1:
        return saved[0]
    raise UserError("No requester profile chosen." if not saved else
                    "Several profiles are saved; choose one with --profile NAME.",
                    "Use --profile FILE.toml or save one with 'foia-desk profiles add --from "
                    "FILE'.")


def _topic_dates(topic: Any) -> tuple[date | None, date | None]:
    """Start and end of a topic's date range, whatever shape the extractor gives it."""
    span = getattr(topic, "date_range", None)
    if span is None and isinstance(topic, dict):
        span = topic.get("date_range")
    if span is None:
        return None, None
    if isinstance(span, dict):
        start, end = span.get("start"), span.get("end")
    elif isinstance(span, list | tuple) and len(span) == 2:
        start, end = span
    else:
        start, end = getattr(span, "start", None), getattr(span, "end", None)

    def as_date(value: Any) -> date | None:
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None

    return as_date(start), as_date(end)


def _topic_field(topic: Any, name: str, default: Any) -> Any:
    if isinstance(topic, dict):
        return topic.get(name, default)
    return getattr(topic, name, default)


def related_ids(agency: Agency, directory: Directory) -> set[str]:
    """The agency, every component below it and the departments above it."""
    ids = {agency.id, *(a.id for a in directory.ancestors(agency.id))}
    frontier = [agency.id]
    while frontier:
        current = frontier.pop()
        for child in directory.children_of(current):
            if child.id not in ids:
                ids.add(child.id)
                frontier.append(child.id)
    return ids


def choose_topics(topics: list[Any], picks: list[int], agency: Agency,
                  directory: Directory) -> list[Any]:
    if picks:
        bad = [n for n in picks if not 1 <= n <= len(topics)]
        if bad:
            raise UserError(f"--topic {bad[0]} does not exist: the article has "
                            f"{len(topics)} topic(s).",
                            "Run 'foia-desk extract --article FILE' to see them numbered.")
        return [topics[n - 1] for n in picks]
    wanted = related_ids(agency, directory)
    concerning = [t for t in topics
                  if wanted & {str(a) if not isinstance(a, dict) else str(a.get("id"))
                               for a in _topic_field(t, "agencies", []) or []}]
    return concerning or list(topics)


def topic_records(topics: list[Any]) -> list[RecordItem]:
    from foia_desk.drafting import RecordItem

    items = []
    for topic in topics:
        text = str(_topic_field(topic, "text", "")).strip()
        if text:
            start, end = _topic_dates(topic)
            items.append(RecordItem(text, start, end))
    return items


def build_options(args: argparse.Namespace, records: list[RecordItem],
                  article: Any | None) -> DraftOptions:
    from foia_desk.drafting import DraftOptions
    from foia_desk.profiles import parse_fee_limit

    return DraftOptions(
        kind=args.kind, records=records,
        date_start=parse_date(args.date_start, "--date-start"),
        date_end=parse_date(args.date_end, "--date-end"),
        subject_hint=args.subject,
        article_title=getattr(article, "title", "") or "",
        article_outlet=getattr(article, "outlet", "") or "",
        article_date=getattr(article, "date", None),
        fee_limit=parse_fee_limit(args.fee_limit, "--fee-limit") if args.fee_limit else None,
        fee_waiver=args.fee_waiver, expedite=args.expedite or (True if args.imminent_threat
                                                                else None),
        expedite_basis="imminent-threat" if args.imminent_threat else "urgency-to-inform",
        expedite_justification=args.expedite_reason, template=args.template,
        tracking_number=args.tracking_number,
        request_date=parse_date(args.request_date, "--request-date"),
        determination_date=parse_date(args.determination_date, "--determination-date"),
        exemptions=list(args.exemption), appeal_grounds=args.grounds, dispute=args.dispute,
        due_date=parse_date(args.due_date, "--due-date"), due_explanation=args.due_explanation,
        date_of_birth=args.birth_date, place_of_birth=args.birth_place,
        letter_date=parse_date(args.letter_date, "--letter-date"),
    )


def read_article(path: str) -> Article:
    """The article as foia_desk.ingest reads it (any supported format)."""
    from foia_desk.ingest import ingest_path

    return ingest_path(path)


MAX_LOOKBACK_DAYS = 5 * 366


def article_start_date(findings: Any) -> date | None:
    """Earliest absolute date the article mentions (within five years of its latest one)."""
    found = [d.date for d in getattr(findings, "dates", []) or []
             if getattr(d, "date", None) is not None and not getattr(d, "relative", False)]
    if not found:
        return None
    latest = max(found)
    recent = [d for d in found if (latest - d).days <= MAX_LOOKBACK_DAYS]
    return min(recent)


def markdown_to_text(markdown: str) -> str:
    """Plain text from the letter Markdown (fallback when the exporters are not installed)."""
    import re

    text = markdown.replace("\\\n", "\n")
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<![\\*])\*(?!\s)(.+?)(?<![\\\s])\*", r"\1", text)
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def write_letter(letter: Letter, path: Path, overwrite: bool) -> Path:
    suffix = path.suffix.lower()
    if suffix not in FILE_FORMATS:
        raise UserError(f"Cannot tell the format of {path.name}: use one of "
                        + ", ".join(FILE_FORMATS) + ".")
    try:
        from foia_desk.export import export_letter
    except ImportError:
        export_letter = None
    if export_letter is not None:
        return Path(export_letter(letter, path, overwrite=overwrite) or path)
    if suffix not in (".md", ".txt"):
        raise UserError(f"{suffix} export is not available in this version; use .md or .txt.")
    from foia_desk.fileio import write_text

    body = letter.markdown if suffix == ".md" else markdown_to_text(letter.markdown)
    return write_text(path, body, overwrite=overwrite)


def run(args: argparse.Namespace) -> int:
    from foia_desk.directory import load_directory
    from foia_desk.drafting import render_letter

    directory = load_directory()
    agencies = [directory.resolve(a) for a in args.agency]
    profile = resolve_profile(args.profile)
    article, topics, default_start = None, [], None
    if args.article:
        from foia_desk.extract import extract

        article = read_article(args.article)
        findings = extract(article.text, article_date=getattr(article, "date", None))
        topics = list(findings.topics)
        if not (args.date_start or args.date_end):
            default_start = article_start_date(findings)
    elif args.topic:
        raise UserError("--topic needs --article.")
    if default_start is not None:
        args.date_start = default_start.isoformat()
        print(f"Date range: from {default_start.isoformat()} (the earliest date the article "
              "mentions) to the date of the search; change it with --date-start/--date-end.",
              file=sys.stderr)
    out = Path(args.out).expanduser() if args.out else None
    to_folder = out is not None and (out.is_dir() or out.suffix.lower() not in FILE_FORMATS)
    if out is not None and not to_folder and len(agencies) > 1:
        raise UserError(f"{len(agencies)} agencies give {len(agencies)} letters, but --out "
                        "names one file.", "Give a folder with --out instead.")
    from foia_desk.drafting import RecordItem

    extra = [RecordItem(text) for text in args.record if text.strip()]
    letters = []
    for agency in agencies:  # render all first: a missing field stops before any file
        records = topic_records(choose_topics(topics, args.topic, agency, directory)) + extra
        options = build_options(args, records, article)
        letters.append(render_letter(agency, profile, options, directory=directory))
    if to_folder:
        assert out is not None
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"Cannot create the folder {out}: {exc.strerror or exc}.") from None
        targets = [out / f"{letter.suggested_filename()}.{args.format}" for letter in letters]
    else:
        targets = [out] * len(letters) if out else []
    if targets and not args.force:
        existing = [t for t in targets if t.exists()]
        if existing:
            raise UserError(f"{existing[0]} already exists; nothing was written.",
                            "Use --force to overwrite, or choose another --out.")
    for index, letter in enumerate(letters):
        notes = letter.meta.get("pre_send_notes", "")
        if notes:
            print(f"Before you send the letter to {letter.agency_name}:", file=sys.stderr)
            for note in notes.splitlines():
                print(f"  - {note}", file=sys.stderr)
        if targets:
            written = write_letter(letter, targets[index], overwrite=args.force)
            print(f"Wrote {written}")
        else:
            if index:
                print("\n---\n")
            sys.stdout.write(letter.markdown)
    return 0
