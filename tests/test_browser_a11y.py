"""Accessibility: axe-core finds nothing serious or critical on any page.

axe-core (``make axe``) runs inside chromium on every page of both builds
and the landing page, in light and in dark mode, with the solution toggles
open so that their content is checked too.
"""

from __future__ import annotations

import pytest

from tests.browser import site_pages

pytestmark = pytest.mark.browser

RUN_AXE = """async () => {
  document.querySelectorAll(".toggle-hidden button.toggle-button").forEach((b) => b.click());
  // A toggle fades its content in; half-faded text would fail the contrast rule.
  await Promise.all(document.getAnimations().map((animation) => animation.finished));
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} -- ` +
                v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | "));
}"""


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(site, http_site, page, axe_source, color_scheme):
    page.emulate_media(color_scheme=color_scheme)
    found = []
    for path in site_pages(site):
        page.goto(http_site + path)
        page.add_script_tag(content=axe_source)
        found += [f"{path}: {violation}" for violation in page.evaluate(RUN_AXE)]
    assert not found, "axe-core, serious or critical:\n" + "\n".join(found)
