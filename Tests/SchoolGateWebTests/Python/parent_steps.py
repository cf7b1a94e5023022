"""What a parent does in the portal, in a real browser, by the accessible names of
docs/portal.md (shared/design/portal.md): the field labels "E-mail address", "Code from the
e-mail" and "Invitation code", the buttons "Send me a code", "Sign in", "Accept the
invitation" and "Sign out". Each step waits for the page it leads to."""
from playwright.sync_api import expect

# The demo school (SchoolGateDemo/SmallSchool.swift): invitations sent and waiting to be
# accepted, and parents who already have access.
PARIS_INVITEE = "s.obrien@home.example"      # invited to "Year 9 Paris trip"
SKI_INVITEE = "r.adeyemi@home.example"       # invited to "Ski trip to Austria"
PARIS_AND_SKI_PARENT = "parent.khan.1@home.example"
WELCOME_PARENT = "parent.smith.2@home.example"    # sees "Welcome to Year 7"
CALENDAR_PARENT = "parent.taylor.3@home.example"  # sees "School calendar"
FIXTURES_PARENT = "parent.murphy.4@home.example"  # sees "Fixtures and results"
FIVE_WRONG_PARENT = "parent.chen.6@home.example"  # sees "Year 9 Paris trip"


def heading(page, name):
    return page.get_by_role("heading", name=name, level=1)


def invitation_code(portal, address):
    """The invitation code of the e-mail waiting in the demo mailbox for `address`."""
    codes = [code for to, code in portal.invitations() if to == address]
    assert codes, f"no invitation e-mail for {address} in the demo mailbox: {portal.invitations()}"
    return codes[0]


def ask_for_sign_in_code(page, address):
    """From the sign-in page: type the address, "Send me a code", land on the code page."""
    page.goto("/")
    expect(heading(page, "Sign in")).to_be_visible()
    page.get_by_label("E-mail address").fill(address)
    page.get_by_role("button", name="Send me a code").click()
    expect(heading(page, "Check your e-mail")).to_be_visible()


def type_code(page, code, button="Sign in"):
    page.get_by_label("Code from the e-mail").fill(code)
    page.get_by_role("button", name=button).click()


def sign_in(page, portal, address):
    """Signs `address` in with a new code from the demo mailbox; ends on "Your sites"."""
    seen = len(portal.sign_in_codes(address))
    ask_for_sign_in_code(page, address)
    type_code(page, portal.new_sign_in_code(address, seen))
    expect(heading(page, "Your sites")).to_be_visible()
    expect(page.get_by_text(f"Signed in as {address}.")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(heading(page, "You are signed out")).to_be_visible()


def error_message(page):
    """The page's error, announced to screen readers (role alert)."""
    return page.get_by_role("alert")
