"""HTML text: read_html(content, name) -> Text. Visible text only; block elements become lines."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from models.schemas import Line, Text
from tasks.text_clean import clean_text, unique

INVISIBLE_TAGS = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object", "meta", "link", "title"}
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
}
HEADING_TAGS = {"h1": "heading", "h2": "heading"}
BOLD_TAGS = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
LINK_SCHEMES = ("mailto:", "tel:", "http://", "https://")


def is_hidden(tag: Tag) -> bool:
    if tag.name in INVISIBLE_TAGS or tag.has_attr("hidden"):
        return True
    if tag.get("aria-hidden") == "true" and not tag.get_text(strip=True):
        return True
    return bool(HIDDEN_STYLE.search(tag.get("style", "") or ""))


class HtmlLines:
    """Collects text runs into lines: a block element or <br> ends the current line."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.links: list[str] = []
        self.parts: list[str] = []
        self.style = ""
        self.bold_chars = 0
        self.chars = 0
        self.block = 0

    def flush(self) -> None:
        text = clean_text("".join(self.parts))
        if text:
            bold = self.chars > 0 and self.bold_chars * 2 > self.chars
            self.lines.append(Line(text=text, bold=bold, block=self.block, style=self.style))
        self.parts, self.style, self.bold_chars, self.chars = [], "", 0, 0

    def walk(self, node: Tag, style: str, bold: bool) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                text = str(child)
                if text.strip() and not self.style:
                    self.style = style
                self.parts.append(text)
                if text.strip():
                    self.chars += len(text.strip())
                    self.bold_chars += len(text.strip()) if bold else 0
                continue
            if not isinstance(child, Tag) or is_hidden(child):
                continue
            name = child.name
            if name == "br":
                self.flush()
                continue
            href = child.get("href") if name == "a" else None
            if isinstance(href, str) and href.strip().lower().startswith(LINK_SCHEMES):
                self.links.append(href.strip())
            is_block = name in BLOCK_TAGS
            if is_block:
                self.flush()
                if name in ("section", "article", "aside", "header", "footer", "table", "ul", "ol"):
                    self.block += 1
            elif name in ("td", "th") and "".join(self.parts).strip():
                # Cells of one row read across: "Email | jane@example.com".
                self.parts.append(" | ")
            self.walk(child, HEADING_TAGS.get(name, style), bold or name in BOLD_TAGS)
            if is_block:
                self.flush()


def read_html(content: bytes, name: str) -> Text:
    """Visible lines of an HTML resume; h1/h2 marked as title/heading; mailto:/tel:/http(s) hrefs as links."""
    try:
        soup = BeautifulSoup(content, "lxml")
    except ValueError:
        # lxml refuses an encoding name with control characters (a damaged <meta charset>); Python's parser reads on.
        soup = BeautifulSoup(content, "html.parser")
    collector = HtmlLines()
    root = soup.body or soup
    collector.walk(root, "", False)
    collector.flush()
    return Text(lines=collector.lines, links=unique(collector.links))
