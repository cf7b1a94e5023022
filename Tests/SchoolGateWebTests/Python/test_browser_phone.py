"""On a phone: every page a parent reaches, in a phone-sized chromium (390 px wide, a
touch screen; and 320 px, the narrowest the portal is made for), lays itself out to the
phone's width and never scrolls sideways."""
import pytest

from portal_tour import prepare, tour


#: The innermost elements that reach past the screen or whose content overflows them.
WIDER_THAN_THE_SCREEN = """width => {
    const wide = [...document.querySelectorAll('body *')].filter(e =>
        e.getBoundingClientRect().right > width + 0.5
        || (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'));
    return wide.filter(e => !wide.some(inner => inner !== e && e.contains(inner))).slice(0, 3)
        .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ('
                  + e.scrollWidth + ' px)');
}"""


@pytest.fixture(scope="module", autouse=True)
def every_kind_of_site(portal):
    prepare(portal)


@pytest.mark.parametrize("width", [390, 320])
def test_no_page_scrolls_sideways_on_a_phone(browser, portal, width):
    context = browser.new_context(base_url=portal.base, viewport={"width": width, "height": 844},
                                  device_scale_factor=3, is_mobile=True, has_touch=True, locale="en-GB")
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        too_wide, visited = [], []
        for name in tour(page, portal):
            visited.append(name)
            scroll_width, inner_width = page.evaluate(
                "() => [document.scrollingElement.scrollWidth, window.innerWidth]")
            # A phone lays out a page wider than its screen (no viewport meta, or content that
            # does not fit) at that width and zooms out: innerWidth then grows too.
            if scroll_width > inner_width or inner_width != width:
                widest = page.evaluate(WIDER_THAN_THE_SCREEN, width)
                too_wide.append(f"{name} ({page.url}): {scroll_width} px of page, laid out {inner_width} px wide, "
                                f"on a {width} px phone; wider than the screen: {', '.join(widest)}")
        assert len(visited) >= 20, visited
        assert not too_wide, "\n".join(too_wide)
    finally:
        context.close()
