"""HTML pages saved from a browser: main text only, metadata from meta tags and JSON-LD."""

from __future__ import annotations

import datetime as dt

import pytest

from foia_desk.ingest import IngestError, ingest_bytes, ingest_path

BODY_1 = ("Two sources confirmed that the U.S. Postal Inspection Service joined a Department of "
          "Homeland Security task force.")
BODY_2 = "Postal inspectors can carry guns, make arrests and serve federal search warrants."

NOISY_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>USPS joins crackdown | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:title" content="USPS Is Getting In on the Crackdown">
<meta property="article:published_time" content="2025-04-29T21:30:00-04:00">
<script>var tracking = "Department of Defense";</script>
<style>body {{ color: red }}</style>
</head><body class="page has-share-bar">
<header class="site-header"><a href="/">The Daily Ledger</a><nav><a>Politics</a></nav></header>
<div id="cookie-banner">We use cookies. Accept all?</div>
<main>
<article class="story">
  <header><h1>USPS Is Getting In on the Crackdown</h1>
  <p class="byline">By Jane Roe</p></header>
  <div class="social-share"><button>Share on Facebook</button><a>Tweet this</a></div>
  <p>{BODY_1}</p>
  <figure><img src="x.jpg" alt="photo"><figcaption>Inspectors at work.</figcaption></figure>
  <h2>What inspectors can do</h2>
  <p>{BODY_2}<br>Line after a break.</p>
  <ul><li>Item one</li><li>Item  <b>two</b></li></ul>
  <aside>Read more: Internal Revenue Service story</aside>
  <div class="newsletter-signup"><form><input placeholder="Email"></form>Sign up for the
  Federal Bureau of Investigation newsletter</div>
  <noscript>Enable JavaScript</noscript>
  <footer>Tags: immigration</footer>
</article>
<section class="related-stories"><h3>Related</h3><p>Drug Enforcement Administration raid</p>
</section>
</main>
<footer class="site-footer">&copy; 2025 The Daily Ledger. Privacy policy.</footer>
<svg><text>icon</text></svg>
</body></html>
"""


def test_noisy_page_keeps_only_the_article(tmp_path):
    path = tmp_path / "saved page.html"
    path.write_text(NOISY_PAGE, encoding="utf-8")
    article = ingest_path(path)
    assert article.kind == "html"
    assert article.title == "USPS Is Getting In on the Crackdown"
    assert article.outlet == "The Daily Ledger"
    assert article.date == dt.date(2025, 4, 29)  # the publisher's local date, not UTC's
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "USPS Is Getting In on the Crackdown"
    assert BODY_1 in paragraphs
    assert "What inspectors can do" in paragraphs
    assert f"{BODY_2}\nLine after a break." in paragraphs
    assert "Item one" in paragraphs and "Item two" in paragraphs
    assert "Inspectors at work." in paragraphs
    for noise in ("Department of Defense", "color: red", "Politics", "cookies", "Facebook",
                  "Internal Revenue Service", "Federal Bureau of Investigation",
                  "Drug Enforcement Administration", "JavaScript", "Privacy", "icon",
                  "Tags:"):
        assert noise not in article.text, noise


def test_title_from_title_tag_drops_site_suffix_and_json_ld_date():
    page = """<html><head><title>Inspectors and ICE - Ledger</title>
    <meta property="og:site_name" content="Ledger">
    <script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},
     {"@type": "NewsArticle", "datePublished": "2024-11-05T08:00:00Z",
      "publisher": {"@type": "Organization", "name": "Ledger Media"}}]}
    </script></head><body><div class="content"><p>BODY_1</p><p>BODY_2</p></div>
    <div class="sidebar"><p>Short promo text.</p></div></body></html>"""
    page = page.replace("BODY_1", BODY_1).replace("BODY_2", BODY_2)
    article = ingest_bytes(page.encode(), "x.htm")
    assert article.title == "Inspectors and ICE"
    assert article.outlet == "Ledger"
    assert article.date == dt.date(2024, 11, 5)
    assert article.text.startswith("Inspectors and ICE\n\n")  # headline kept for the extractor
    assert BODY_1 in article.text and "promo" not in article.text


@pytest.mark.parametrize("date_markup", [
    '<meta itemprop="datePublished" content="2025-01-07">',
    '<span itemprop="datePublished">January 7, 2025</span>',
    '<time datetime="2025-01-07T10:00">Jan 7</time>',
])
def test_other_date_markup(date_markup):
    page = f"<html><body><article>{date_markup}<p>{BODY_1} {BODY_2}</p></article></body></html>"
    assert ingest_bytes(page.encode(), "p.html").date == dt.date(2025, 1, 7)


def test_densest_block_when_there_is_no_article_element():
    page = (f"<html><body><div id='menu'><p>Home</p><p>World</p></div>"
            f"<div id='story'><p>{BODY_1}</p><p>{BODY_2}</p></div>"
            f"<div><p>Copyright notice</p></div></body></html>")
    article = ingest_bytes(page.encode(), "p.html")
    assert article.text == f"{BODY_1}\n\n{BODY_2}"


@pytest.mark.parametrize("declared, encoding", [
    ('<meta charset="windows-1252">', "cp1252"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "cp1252"),
    ('<meta charset="utf-8">', "utf-16"),  # BOM beats a (wrong) declaration
])
def test_declared_charsets(declared, encoding):
    text = "The agency\u2019s \u201cmail cover\u201d \u2014 caf\u00e9 files"
    page = f"<html><head>{declared}</head><body><p>{text}</p></body></html>"
    article = ingest_bytes(page.encode(encoding), "p.html")
    assert article.text == text
    assert article.warnings == []


def test_page_without_text_is_refused():
    page = b"<html><head><script>render()</script></head><body><div id='root'></div></body></html>"
    with pytest.raises(IngestError, match="No article text was found") as info:
        ingest_bytes(page, "app.html")
    assert "JavaScript" in (info.value.hint or "")


def test_deeply_nested_markup_does_not_crash():
    page = "<html><body>" + "<div>" * 5000 + f"<p>{BODY_1}</p>" + "</div>" * 5000 + "</body></html>"
    try:
        article = ingest_bytes(page.encode(), "deep.html")
    except IngestError:
        return
    assert BODY_1 in article.text


def test_html_extension_with_plain_text_keeps_line_breaks():
    article = ingest_bytes(b"Line one\nLine two\n", "notes.html")
    assert article.kind == "txt"
    assert article.text == "Line one\nLine two\n"


def test_page_wrapped_in_a_form_keeps_its_text():
    page = (f"<html><body><form id='aspnetForm'><div class='nav'>Menu</div>"
            f"<div class='story'><p>{BODY_1}</p><p>{BODY_2}</p></div></form></body></html>")
    article = ingest_bytes(page.encode(), "aspx.html")
    assert BODY_1 in article.text and BODY_2 in article.text


def test_time_in_the_site_header_is_not_the_article_date():
    page = (f"<html><body><header><time datetime='2026-11-27'>Today</time></header>"
            f"<article><p>{BODY_1} {BODY_2}</p><time datetime='2025-02-03'>Feb 3</time>"
            f"</article></body></html>")
    assert ingest_bytes(page.encode(), "p.html").date == dt.date(2025, 2, 3)
    undated = page.replace("<time datetime='2025-02-03'>Feb 3</time>", "")
    assert ingest_bytes(undated.encode(), "p.html").date is None


def test_utf8_page_with_a_stale_windows_1252_declaration():
    text = "The agency\u2019s \u201cmail cover\u201d \u2014 caf\u00e9 files"
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{text}</p></body></html>'
    assert ingest_bytes(page.encode("utf-8"), "p.html").text == text


@pytest.mark.parametrize("head, expected", [
    ('<meta property="og:title" content="Mail covers - Ledger">'
     '<meta property="og:site_name" content="Ledger">', "Mail covers"),
    ("<title>Mail covers | Ledger News</title>", "Mail covers"),
    ("<title>Mail covers - the new dragnet</title>", "Mail covers - the new dragnet"),
    ("<title>Inspectors | ICE | DHS and the post office</title>",
     "Inspectors | ICE | DHS and the post office"),
])
def test_title_site_suffixes(head, expected):
    page = f"<html><head>{head}</head><body><article><p>{BODY_1}</p></article></body></html>"
    assert ingest_bytes(page.encode(), "p.html").title == expected


def test_hidden_and_role_marked_chrome_is_dropped_but_not_a_hidden_story():
    page = (f"<html><body><div role='navigation'>Menu of sections</div>"
            f"<div role='dialog'>Accept cookies?</div>"
            f"<div aria-hidden='true' class='wrapper'><article><p>{BODY_1}</p><p>{BODY_2}</p>"
            f"<span style='display: none'>Invisible tracking text</span>"
            f"<div hidden>Hidden promo</div></article></div></body></html>")
    article = ingest_bytes(page.encode(), "modal.html")
    assert article.text == f"{BODY_1}\n\n{BODY_2}"
