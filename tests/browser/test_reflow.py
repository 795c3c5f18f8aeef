"""Three WCAG criteria that axe does not test, and the self-hosted fonts (issue 16), on every page
type of the URLconf, each visited as the most privileged role that may see it (the same walk as
the axe test, tests/browser/helpers.py every_page_type):

- 1.4.10 Reflow: at 320 CSS px wide the document does not scroll sideways (a table may scroll
  inside its own container, .leerkring-table-scroll, which does not widen the document).
- 1.4.12 Text spacing: with the criterion's spacing applied, no text is clipped by an element
  whose overflow is hidden or clip.
- 1.4.4 Resize text: at 200 % (a 640 px viewport is what a 1280 px window shows at 200 % zoom)
  no text in the header or the main content overlaps other text, and none disappears.
- Fonts: Noto Sans and Noto Serif load from the site, and no request leaves the site.

Walking some sixty pages in a browser is the slow part, so the walk runs once and measures all
four at each page. One test reads the measurements, and its failure message has a section per
criterion with every offending page. (Four tests made the walk once per xdist process, three
times in `make test`.)
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import NOT_PAGES, every_page_type

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
ZOOMED = {"width": 640, "height": 900}  # 1280 px at 200 %
NARROW = {"width": 320, "height": 900}  # WCAG 1.4.10: 320 CSS px
FAMILIES = ["Noto Sans", "Noto Serif"]

# Names an element for a failure message: a short CSS path and the start of its text.
DESCRIBE = """
window.__lkDescribe = (el) => {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    let s = e.localName;
    if (e.id) { parts.unshift(s + '#' + e.id); break; }
    const classes = [...e.classList].slice(0, 2);
    if (classes.length) s += '.' + classes.join('.');
    parts.unshift(s);
  }
  const text = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  return parts.join(' > ') + (text ? ` "${text}"` : '');
};
"""

# The rendered text nodes of the header and the main content. A node counts as visible when it
# has a box of its own and no ancestor hides it (display, visibility, opacity, or the
# visually-hidden pattern: a clipped box of 1 px).
TEXT_NODES = """
window.__lkVisible = (node) => {
  const parent = node.parentElement;
  if (!parent || !parent.checkVisibility({opacityProperty: true, visibilityProperty: true})) {
    return null;
  }
  for (let e = parent; e && e !== document.body; e = e.parentElement) {
    const cs = getComputedStyle(e);
    const clipped = cs.overflow !== 'visible' || cs.clip !== 'auto' || cs.clipPath !== 'none';
    if (clipped && (e.clientWidth <= 1 || e.clientHeight <= 1)) return null;
  }
  const range = document.createRange();
  range.selectNodeContents(node);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
  return rects.length ? rects : null;
};
window.__lkTextNodes = () => {
  const nodes = [];
  for (const root of document.querySelectorAll('header, main')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  }
  return nodes;
};
"""

BASELINE = """() => {
  window.__lkBaseline = window.__lkTextNodes().filter((n) => window.__lkVisible(n));
  return window.__lkBaseline.length;
}"""

# 1.4.4 at 640 px: text that was visible at 1280 px and is gone, and pairs of text nodes whose
# boxes intersect by more than 2 px each way. Text is not gone when the same text is visible
# elsewhere or sits in a closed disclosure (<details>) whose summary is visible: a menu that
# folds up behind a button is allowed (base.html renders the menu twice for that).
RESIZE = """() => {
  const describe = (n) => window.__lkDescribe(n.parentElement);
  const folded = (node) => {
    const fold = node.parentElement && node.parentElement.closest('details:not([open])');
    const summary = fold && fold.querySelector(':scope > summary');
    return Boolean(summary && summary.checkVisibility());
  };
  const reachable = new Set();
  for (const node of window.__lkTextNodes()) {
    if (window.__lkVisible(node) || folded(node)) reachable.add(node.data.trim());
  }
  const gone = [];
  const boxes = [];
  for (const node of window.__lkBaseline) {
    const rects = window.__lkVisible(node);
    // The box of a rotated chart label is an upright rectangle around slanted text: next to
    // its neighbour's, the boxes intersect while the letters do not.
    const rotated = node.parentElement.closest('[transform*="rotate"]');
    if (rects && !rotated) boxes.push([node, rects]);
    if (rects) continue;
    if (!reachable.has(node.data.trim())) gone.push(describe(node));
  }
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const hit = boxes[i][1].some((a) => boxes[j][1].some((b) =>
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2));
      if (hit) overlaps.push(`${describe(boxes[i][0])} / ${describe(boxes[j][0])}`);
    }
  }
  return {gone, overlaps};
}"""

# 1.4.10: the document's width, and the elements that stick out of the viewport, outside any
# element that clips or scrolls its own overflow.
REFLOW = """() => {
  const width = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= width) return {scrollWidth, offenders: []};
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 1;
  const contained = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== 'visible') return true;
    }
    return false;
  };
  const out = [...document.body.querySelectorAll('*')].filter(
    (el) => el.checkVisibility() && sticksOut(el) && !contained(el));
  // The causes: elements wider than their parent's box (a block that is merely stretched by
  // a wide parent is not one); failing that, the innermost elements that stick out.
  const wider = out.filter((el) => el.parentElement &&
    el.getBoundingClientRect().width > el.parentElement.clientWidth + 1);
  const innermost = out.filter((el) => ![...el.children].some((c) => out.includes(c)));
  const causes = wider.length ? wider : innermost;
  causes.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
  return {
    scrollWidth,
    offenders: causes.slice(0, 5).map(
      (el) => `${window.__lkDescribe(el)} (${Math.round(el.getBoundingClientRect().right)} px)`),
  };
}"""

# 1.4.12: the criterion's spacing, through a constructed style sheet: the CSP (style-src 'self')
# blocks <style> and style attributes, not the CSSOM.
TEXT_SPACING = """() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    * { line-height: 1.5 !important; letter-spacing: 0.12em !important;
        word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return getComputedStyle(document.body).letterSpacing;
}"""

CLIPPED = """() => {
  const out = [];
  const clips = (v) => v === 'hidden' || v === 'clip';
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const y = clips(cs.overflowY);
    const x = clips(cs.overflowX);
    if (!x && !y) continue;
    if (el.clientWidth <= 2 || el.clientHeight <= 2 || !el.checkVisibility()) continue;
    if (!(el.innerText || '').trim()) continue;
    if (y && el.scrollHeight > el.clientHeight + 1) {
      out.push(`${window.__lkDescribe(el)} (height ${el.scrollHeight} > ${el.clientHeight})`);
    } else if (x && el.scrollWidth > el.clientWidth + 1) {
      out.push(`${window.__lkDescribe(el)} (width ${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  return out;
}"""

FONTS = """async () => {
  await document.fonts.ready;
  const loaded = [...document.fonts].filter((f) => f.status === 'loaded')
    .map((f) => f.family.replaceAll('"', ''));
  return {loaded: [...new Set(loaded)], sans: document.fonts.check('16px "Noto Sans"')};
}"""

NEXT_FRAME = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"

_measured = {}


def _measure(page):
    """All four measurements of the loaded page; leaves the viewport at the desktop width."""
    page.evaluate(DESCRIBE + TEXT_NODES)
    fonts = page.evaluate(FONTS)
    page.evaluate(BASELINE)
    page.set_viewport_size(ZOOMED)
    page.evaluate(NEXT_FRAME)
    resize = page.evaluate(RESIZE)
    page.set_viewport_size(NARROW)
    page.evaluate(NEXT_FRAME)
    reflow = page.evaluate(REFLOW)
    spacing = page.evaluate(TEXT_SPACING)
    assert spacing not in ("normal", "0px"), "the text spacing style sheet was not applied"
    page.evaluate(NEXT_FRAME)
    clipped = [f"at 320 px: {item}" for item in page.evaluate(CLIPPED)]
    page.set_viewport_size(DESKTOP)
    page.evaluate(NEXT_FRAME)
    clipped += [f"at 1280 px: {item}" for item in page.evaluate(CLIPPED)]
    return {"fonts": fonts, "resize": resize, "reflow": reflow, "clipped": clipped}


@pytest.fixture
def measured(request, live_server, browser, transactional_db):
    """The measurements of every page type, {(url name, role): {...}}, made once per session.
    The world is asked for only when the walk runs, so that the tests after the first one do
    not build a world they would not use."""
    if not _measured:
        world = request.getfixturevalue("world")
        skipped, elsewhere, current = [], [], {}
        site = urlsplit(live_server.url).netloc

        def listen(page):
            def on_request(request):
                parts = urlsplit(request.url)
                if parts.scheme in ("http", "https") and parts.netloc != site:
                    elsewhere.append(request.url)
                    current.setdefault("elsewhere", []).append(request.url)

            page.on("request", on_request)

        results = {}
        for name, role, page in every_page_type(
            world, live_server, browser, skipped=skipped, viewport=DESKTOP, on_new_page=listen
        ):
            results[(name, role)] = {**_measure(page), "elsewhere": current.pop("elsewhere", [])}
        assert set(skipped) == NOT_PAGES
        assert len(results) >= 58
        _measured.update(results)
    return _measured


def _report(problems):
    problems = {key: items for key, items in problems.items() if items}
    lines = [f"{len(problems)} page type(s):"]
    for (name, role), items in sorted(problems.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"- {name} as {role} ({len(items)}):")
        lines += [f"    {item}" for item in items[:8]]
    return "\n".join(lines)


def reflow_problems(measured):
    """WCAG 1.4.10: no sideways scrolling at 320 CSS px; a wide table scrolls in its container."""
    problems = {
        key: [f"document is {m['reflow']['scrollWidth']} px wide", *m["reflow"]["offenders"]]
        for key, m in measured.items()
        if m["reflow"]["scrollWidth"] > NARROW["width"]
    }
    return problems


def text_spacing_problems(measured):
    """WCAG 1.4.12: line height 1.5, paragraph spacing 2, letter spacing 0.12 and word spacing
    0.16 (times the font size) clip no text, at 320 px and at 1280 px wide."""
    return {key: m["clipped"] for key, m in measured.items() if m["clipped"]}


def resize_problems(measured):
    """WCAG 1.4.4: at 200 % (1280 px at 200 % is a 640 px viewport) no text of the header and
    the main content overlaps other text, and no text visible at 100 % is gone."""
    problems = {
        key: [f"gone: {item}" for item in m["resize"]["gone"]]
        + [f"overlap: {item}" for item in m["resize"]["overlaps"]]
        for key, m in measured.items()
    }
    return {key: items for key, items in problems.items() if items}


def font_problems(measured):
    """Noto Sans (text) and Noto Serif (headings) are loaded on every page, from the site."""
    problems = {}
    for key, m in measured.items():
        items = [
            f"{family} not loaded" for family in FAMILIES if family not in m["fonts"]["loaded"]
        ]
        if not m["fonts"]["sans"]:
            items.append("document.fonts.check('16px \"Noto Sans\"') is false")
        items += [f"request leaves the site: {url}" for url in m["elsewhere"]]
        problems[key] = items
    return {key: items for key, items in problems.items() if items}


CRITERIA = {
    "1.4.10 reflow at 320 px": reflow_problems,
    "1.4.12 text spacing": text_spacing_problems,
    "1.4.4 resize to 200 %": resize_problems,
    "fonts from the site": font_problems,
}


def test_every_page_reflows_keeps_its_text_and_loads_the_fonts(measured):
    """The four checks over one walk (a walk takes over a minute; one test makes it once, in
    one process). Each criterion reports its own pages, so a failure still says which one."""
    failed = {name: problems for name, check in CRITERIA.items() if (problems := check(measured))}
    assert not failed, "\n\n".join(f"{name}: {_report(p)}" for name, p in failed.items())
