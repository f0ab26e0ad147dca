"""Browser fixtures: Debian's Chromium through Playwright, axe-core, and signing in through the real page.

See STACK.md, "Browser and axe fixtures" and gotchas 4-6 and 17. Every test in this folder is marked
`browser`. Without `chromium` on PATH the tests skip loudly, except on CI (`CI=true`), where they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside the ORM (gotcha 5)

HERE = Path(__file__).resolve().parent
AXE_JS = HERE.parents[1] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
STYLESHEET = "/static/app/app.css"
SIGN_IN = "/accounts/sign-in/"

CHROMIUM = shutil.which("chromium")
ON_CI = os.environ.get("CI", "").strip().lower() == "true"
NO_CHROMIUM = (
    "CHROMIUM IS NOT ON PATH: the browser tests (axe accessibility checks and journeys) DID NOT RUN. "
    "Install Debian's chromium and fonts-liberation (see STACK.md). With CI=true this is a failure."
)


def _in_this_folder(item: pytest.Item) -> bool:
    return HERE in Path(str(item.path)).resolve().parents


_collected: list[pytest.Item] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _in_this_folder(item):
            item.add_marker(pytest.mark.browser)
            _collected.append(item)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if CHROMIUM is None and _collected:
        terminalreporter.write_sep("!", NO_CHROMIUM, red=True, bold=True)


@pytest.fixture(scope="session")
def _chromium() -> str:
    if CHROMIUM is None:
        if ON_CI:
            pytest.fail(NO_CHROMIUM, pytrace=False)
        pytest.skip(NO_CHROMIUM)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], _chromium: str) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": _chromium,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def axe(page: Any) -> Callable[..., list[dict[str, Any]]]:
    """Run axe-core on a page (the test's `page` unless another is given); return its violations."""

    def run(tags: tuple[str, ...] = AXE_TAGS, on: Any = None) -> list[dict[str, Any]]:
        target = on or page
        target.evaluate(AXE_JS.read_text())  # not add_script_tag: the strict CSP blocks that (gotcha 6)
        return target.evaluate("t => axe.run(document, {runOnly: {type: 'tag', values: t}})", list(tags))["violations"]

    return run


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v["nodes"]:
            lines.append(f"    target {node['target']}: {node.get('failureSummary', '').replace(chr(10), ' ')}")
            lines.append(f"      {node.get('html', '')[:300]}")
    return "\n".join(lines)


@pytest.fixture
def axe_clean(axe: Callable[..., list[dict[str, Any]]], page: Any) -> Callable[..., None]:
    """Assert the app's stylesheet applied (gotcha 4) and axe finds nothing on the page now showing."""

    def check(label: str = "", on: Any = None) -> None:
        target = on or page
        target.wait_for_load_state("load")  # a click does not wait for the next page's stylesheet
        where = f"{label or 'page'} at {target.url}"
        styled = target.evaluate(
            "href => [...document.styleSheets].some(s => s.href && s.href.includes(href) && s.cssRules.length > 0)",
            STYLESHEET,
        )
        assert styled, f"{STYLESHEET} did not load on {where}: axe would report false target-size violations"
        violations = axe(on=target)
        assert not violations, f"axe found {len(violations)} violation(s) on {where}:\n{describe(violations)}"

    return check


@pytest.fixture(scope="session")
def root_conftest(pytestconfig: pytest.Config) -> Any:
    """The project's conftest.py module, holding `build_world` and `PASSWORD`.

    `from conftest import build_world` cannot be written here: this folder has no __init__.py, so
    pytest imports this file as module `conftest` too and drops the root one from sys.modules.
    Both stay registered with pytest under their paths, so the root module is taken from there.
    """
    module = pytestconfig.pluginmanager.get_plugin(str(pytestconfig.rootpath / "conftest.py"))
    assert module is not None, "the root conftest.py was not loaded"
    assert hasattr(module, "build_world"), "the root conftest.py has no build_world()"
    return module


@pytest.fixture
def live_world(transactional_db: None, root_conftest: Any) -> Any:
    """The root conftest's personas (`build_world()`), in a database the live server's thread can see.

    The root `world` fixture uses `db`, which cannot be mixed with `live_server`.
    """
    return root_conftest.build_world()


@pytest.fixture
def signed_in(live_server: Any, root_conftest: Any) -> Callable[..., Any]:
    """sign_in(page, user, check=None): sign in through the real sign-in page; `check(label)` runs on it first."""

    def sign_in(page: Any, user: Any, check: Callable[[str], None] | None = None) -> Any:
        page.goto(live_server.url + SIGN_IN)
        if check is not None:
            check("sign-in page")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(root_conftest.PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: SIGN_IN not in url)
        return page

    return sign_in


@pytest.fixture
def stylesheet_responses(page: Any) -> list[Any]:
    """Every response the page got for the app's stylesheet, recorded from the first request on."""
    seen: list[Any] = []
    page.on("response", lambda r: seen.append(r) if r.url.split("?")[0].endswith(STYLESHEET) else None)
    return seen
