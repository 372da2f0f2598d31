"""The API docs pages load nothing from outside: every script, style and icon they name is a
path of Duban's own, and each is served (a government intranet has no internet)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.parametrize("target", ["sqlite"], indirect=True)

# what a page loads: its scripts, styles and icon (the document it shows may name addresses)
REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
CDNS = ("jsdelivr", "unpkg", "cdn.redoc.ly", "googleapis", "gstatic", "cdnjs")


@pytest.mark.parametrize("page", ["/schema", "/schema/redoc"])
def test_a_docs_page_names_no_outside_address_and_serves_what_it_names(client, page):
    client.headers.pop("authorization", None)
    answer = client.get(page)
    assert answer.status_code == 200
    html = answer.text
    for host in CDNS:
        assert host not in html
    assert "@import" not in html
    assert "url(" not in html
    named = REFERENCE.findall(html)
    assert any(path.endswith(".js") for path in named)
    for path in named:
        assert path.startswith("/assets/vendor/"), path
        served = client.get(path)
        assert served.status_code == 200, path
        assert len(served.content) > 500, path


def test_the_swagger_page_loads_the_bundled_renderer(client):
    client.headers.pop("authorization", None)
    html = client.get("/schema").text
    assert "/assets/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/assets/vendor/swagger-ui/swagger-ui.css" in html


def test_an_asset_that_does_not_exist_answers_404(client):
    client.headers.pop("authorization", None)
    assert client.get("/assets/vendor/nothing.js").status_code == 404
