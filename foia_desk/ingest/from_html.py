"""Web pages saved from a browser: the article's own text and its metadata, not the site chrome.

The main text comes from ``<article>``, else ``<main>``, else the element holding the most
paragraph text. Navigation, scripts, forms, share bars, newsletter boxes, cookie banners and
similar blocks are dropped first. Paragraphs are separated by blank lines and headings keep
their own line. Parsing uses the standard library's ``html.parser`` through BeautifulSoup, so
no compiled parser is needed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from foia_desk.ingest.dates import parse_date, parse_iso_datetime
from foia_desk.ingest.model import IngestError, clean_field

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

# Never visible as article text: always dropped.
_INVISIBLE_TAGS = ("script", "style", "noscript", "svg", "iframe", "template", "select",
                   "textarea", "input", "button", "object", "embed", "canvas", "map", "audio",
                   "video", "title", "meta", "link", "base")
# Page furniture, unless a site wraps the whole page in one (ASP.NET puts all in a <form>).
_CHROME_TAGS = ("nav", "aside", "form", "dialog", "header", "footer")
_CHROME_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "search",
                           "dialog", "alertdialog"))
_NOISE_HINT = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|social|related|newsletter|cookies?|consent|gdpr|"
    r"subscribe|subscription|signup|sign-up|promo|advert|advertisement|ads?|sponsored|"
    r"comments?|breadcrumbs?|sidebar|popup|modal|paywall|recirc|most-popular|trending|"
    r"outbrain|taboola|skip-link|visually-hidden|sr-only)(?:$|[-_\s])",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset((
    "address", "article", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "body", "html", "caption",
))
_CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                           re.IGNORECASE)
_MIN_ARTICLE_CHARS = 200


@dataclass
class PageMeta:
    title: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    notes: list[str] = field(default_factory=list)


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in ``<meta charset>`` or ``http-equiv`` near its top."""
    match = _CHARSET_META.search(data[:4096])
    return match[1].decode("ascii") if match else None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower()


def read_html(markup: str) -> tuple[str, PageMeta]:
    """``(main text, metadata)`` of a page. Raises IngestError if the page cannot be parsed."""
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(markup, "html.parser")
        meta = _metadata(soup)
        _drop_noise(soup)
        container = _main_container(soup)
        text = _text_of(container) if container is not None else ""
        if meta.date is None and container is not None:
            meta.date = _time_element_date(container)
    except RecursionError as exc:
        raise IngestError("This web page is nested too deeply to read.",
                          "Copy the article text from your browser and paste it in.") from exc
    has_heading = container is not None and container.find("h1") is not None
    if meta.title and text and not has_heading and meta.title not in text[:2000]:
        text = f"{meta.title}\n\n{text}"
    return text, meta


def _meta_content(soup: BeautifulSoup, *keys: str) -> str | None:
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            tag = soup.find("meta", attrs={attr: key})
            if tag is not None and tag.get("content"):
                return str(tag["content"])
    return None


def _metadata(soup: BeautifulSoup) -> PageMeta:
    meta = PageMeta()
    json_ld = list(_json_ld_objects(soup))
    meta.outlet = clean_field(_meta_content(soup, "og:site_name", "application-name")
                              or _json_ld_value(json_ld, "publisher", "name"))
    title = _meta_content(soup, "og:title", "twitter:title") or _json_ld_value(json_ld, "headline")
    if title and meta.outlet:
        title = _strip_site_suffix(title, meta.outlet)
    if not title and soup.title is not None and soup.title.string:
        title = _strip_site_suffix(str(soup.title.string), meta.outlet)
    if not title:
        heading = soup.find("h1")
        title = heading.get_text(" ", strip=True) if heading is not None else None
    meta.title = clean_field(title)
    meta.date = _page_date(soup, json_ld)
    return meta


def _strip_site_suffix(title: str, outlet: str | None) -> str:
    """``"Headline | Outlet"`` -> ``"Headline"``.

    With a known outlet only its own name is cut. Without one only a short tail after a
    pipe is, because headlines themselves often contain dashes.
    """
    for separator in (" | ", " - ", " — ", " – ", " :: "):
        head, sep, tail = title.rpartition(separator)
        if not sep or not head.strip():
            continue
        if outlet is not None and tail.strip().lower() == outlet.lower():
            return head
        if outlet is None and separator == " | " and len(tail.split()) <= 4:
            return head
    return title


def _page_date(soup: BeautifulSoup, json_ld: list[dict[str, Any]]) -> dt.date | None:
    candidates: list[str | None] = [
        _meta_content(soup, "article:published_time", "datePublished", "date", "pubdate",
                      "publish-date", "parsely-pub-date", "sailthru.date", "dc.date",
                      "DC.date.issued"),
        _json_ld_value(json_ld, "datePublished"),
    ]
    for tag in soup.find_all(attrs={"itemprop": "datePublished"}, limit=3):
        candidates.append(tag.get("datetime") or tag.get("content") or tag.get_text())
    return _first_date(candidates)


def _time_element_date(container: Tag) -> dt.date | None:
    """A ``<time>`` inside the article; one elsewhere may be today's date in a site header."""
    return _first_date([tag.get("datetime") or tag.get_text()
                        for tag in container.find_all("time", limit=5)])


def _first_date(candidates: list[Any]) -> dt.date | None:
    for value in candidates:
        if value:
            parsed = parse_iso_datetime(str(value)) or parse_date(str(value))
            if parsed is not None:
                return parsed
    return None


def _json_ld_objects(soup: BeautifulSoup) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}, limit=20):
        try:
            data = json.loads(script.string or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(found) < 200:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
    return found


def _json_ld_value(objects: list[dict[str, Any]], key: str,
                   subkey: str | None = None) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if subkey and isinstance(value, dict):
            value = value.get(subkey)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _drop_noise(soup: BeautifulSoup) -> None:
    from bs4 import Comment, Declaration, Doctype, ProcessingInstruction

    for node in soup.find_all(string=lambda s: isinstance(
            s, Comment | Doctype | Declaration | ProcessingInstruction)):
        node.extract()
    for tag in soup.find_all(_INVISIBLE_TAGS):
        if not tag.decomposed:
            tag.decompose()
    # Never drop a block holding most of the page's text: a class such as "has-share-bar"
    # on the article itself, or a page-wide <form>, would otherwise empty it.
    total = len(soup.get_text())
    for tag in soup.find_all(_CHROME_TAGS):
        # Inside <article> a header usually holds the headline and byline: keep it.
        keep = tag.name == "header" and tag.find_parent("article") is not None
        if not keep and not tag.decomposed and len(tag.get_text()) < 0.5 * total:
            tag.decompose()
    # Hidden blocks are guarded too: a page saved while a consent dialog was open often has
    # the whole story wrapper marked aria-hidden.
    for tag in soup.find_all(lambda tag: _has_noise_hint(tag) or _is_hidden(tag)):
        if not tag.decomposed and len(tag.get_text()) < 0.5 * total:
            tag.decompose()


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _has_noise_hint(tag: Tag) -> bool:
    if tag.name in ("html", "body", "article", "main"):
        return False
    if str(tag.get("role") or "").lower() in _CHROME_ROLES:
        return True
    classes = tag.get("class") or []
    hints = " ".join([*classes, str(tag.get("id") or "")])
    return bool(hints.strip()) and bool(_NOISE_HINT.search(hints))


def _main_container(soup: BeautifulSoup) -> Tag | None:
    # A short <article> may be a teaser card for another story; it counts only when it is
    # long or holds most of the page's text.
    page_chars = len(soup.get_text(" ", strip=True))
    enough = min(_MIN_ARTICLE_CHARS, 0.5 * page_chars)
    articles = soup.find_all("article")
    if articles:
        best = max(articles, key=lambda tag: len(tag.get_text(" ", strip=True)))
        if len(best.get_text(" ", strip=True)) >= enough:
            return best
    for candidate in (soup.find("main"), soup.find(attrs={"role": "main"})):
        if candidate is not None and len(candidate.get_text(" ", strip=True)) >= enough:
            return candidate
    scores: dict[int, tuple[int, Tag]] = {}
    for paragraph in soup.find_all("p"):
        parent = paragraph.parent
        if parent is None:
            continue
        length = len(paragraph.get_text(" ", strip=True))
        previous = scores.get(id(parent), (0, parent))[0]
        scores[id(parent)] = (previous + length, parent)
    if scores:
        score, parent = max(scores.values(), key=lambda pair: pair[0])
        all_paragraphs = sum(pair[0] for pair in scores.values())
        if score >= min(_MIN_ARTICLE_CHARS, 0.5 * all_paragraphs):
            return parent
    return soup.body or soup


def _text_of(root: Tag) -> str:
    """Block-aware text: blocks become paragraphs, ``<br>`` a line break.

    Walks the tree with an explicit stack so a deeply nested page cannot exhaust recursion.
    """
    from bs4 import NavigableString, Tag

    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        lines = ("".join(current)).split("\n")
        tidy = "\n".join(" ".join(line.split()) for line in lines).strip("\n ")
        tidy = re.sub(r"\n{2,}", "\n", tidy)
        if tidy:
            blocks.append(tidy)
        current.clear()

    stack: list[tuple[Any, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if isinstance(node, NavigableString):
            in_pre = node.find_parent("pre") is not None
            current.append(str(node) if in_pre else str(node).replace("\n", " "))
            continue
        if not isinstance(node, Tag):
            continue
        is_block = node.name in _BLOCK_TAGS
        if not entering:
            if is_block:
                flush()
            continue
        if node.name == "br":
            current.append("\n")
            continue
        if is_block:
            flush()
        stack.append((node, False))
        stack.extend((child, True) for child in reversed(node.contents))
    flush()
    return "\n\n".join(blocks)
