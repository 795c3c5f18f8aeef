from playwright.sync_api import expect

from tests.factories import PASSWORD


def log_in(page, live_server, email: str, *, name: str, password: str = PASSWORD) -> None:
    """Log in through the login form and wait until the header greets `name`."""
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("banner")).to_contain_text(f"Ingelogd als {name}")
