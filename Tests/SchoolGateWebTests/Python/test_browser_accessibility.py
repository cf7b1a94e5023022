"""Accessibility in a real browser: axe-core (the PyPI package axe-playwright-python) on
every page a parent reaches, with no violation of impact serious or critical; and the
invitation journey done with the keyboard only (Tab and Enter, no clicks), every focused
control showing where the focus is."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from parent_steps import SKI_INVITEE, heading, invitation_code
from portal_tour import prepare, tour

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module", autouse=True)
def every_kind_of_site(portal):
    prepare(portal)


def test_axe_finds_no_serious_or_critical_violation_on_any_page(page, portal):
    axe = Axe()
    problems, visited = [], []
    for name in tour(page, portal):
        response = axe.run(page).response
        assert len(response["passes"]) >= 10, f"axe-core checked next to nothing on {name}: {response['passes']}"
        visited.append(name)
        for violation in response["violations"]:
            if violation["impact"] in BLOCKING_IMPACTS:
                where = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
                problems.append(f"{name} ({page.url}): {violation['id']} ({violation['impact']}): "
                                f"{violation['help']} — {where}")
    print(f"axe-core {response['testEngine']['version']} on {len(visited)} pages: {', '.join(visited)}")
    assert len(visited) >= 20, visited
    assert not problems, "\n".join(problems)


def tab_to(page, target, what, most=25):
    """Presses Tab until `target` has the focus; checks the focus can be seen there."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            outline = target.evaluate(
                "element => { const s = getComputedStyle(element); return [s.outlineStyle, s.outlineWidth]; }")
            assert outline[0] != "none" and outline[1] != "0px", f"no visible focus on {what}: outline {outline}"
            return
    raise AssertionError(f"{most} presses of Tab never reached {what}")


def test_accepting_an_invitation_with_the_keyboard_only(page, portal):
    # The one step that is not a key: following the link in the invitation e-mail.
    page.goto(portal.accept_link(invitation_code(portal, SKI_INVITEE)))
    expect(heading(page, "Accept an invitation")).to_be_visible()

    tab_to(page, page.get_by_label("E-mail address"), "the e-mail field")
    page.keyboard.type(SKI_INVITEE)
    tab_to(page, page.get_by_role("button", name="Send me a code"), "Send me a code")
    page.keyboard.press("Enter")
    expect(heading(page, "Check your e-mail")).to_be_visible()

    tab_to(page, page.get_by_label("Code from the e-mail"), "the code field")
    page.keyboard.type(portal.new_sign_in_code(SKI_INVITEE, 0))
    tab_to(page, page.get_by_role("button", name="Accept the invitation"), "Accept the invitation")
    page.keyboard.press("Enter")
    expect(heading(page, "Your sites")).to_be_visible()

    tab_to(page, page.get_by_role("link", name="Ski trip to Austria"), "the trip's link")
    page.keyboard.press("Enter")
    expect(heading(page, "Ski trip to Austria")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="First ski lesson")).to_be_visible()

    tab_to(page, page.get_by_role("button", name="Sign out"), "Sign out")
    page.keyboard.press("Enter")
    expect(heading(page, "You are signed out")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/sign-out$"))
