"""Charts come out as PNG with every Chinese glyph drawn, or not at all."""

from __future__ import annotations

import io
import warnings

import pytest
from PIL import Image

from reports import charts


def test_a_chart_is_a_png_drawn_with_a_cjk_font_and_no_missing_glyph(cjk_font: str):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of each glyph its font lacks
        png = charts.monthly_trend(["2026-07", "2026-08"], [3, 5], [1, 4], "问题受理与办结情况")
        rates = charts.on_time_rates(
            ["市自然资源和规划局", "市生态环境局"], [0.9, 0.5], "按时办结率"
        )
    for drawn in (png, rates):
        image = Image.open(io.BytesIO(drawn))
        assert image.format == "PNG"
        assert image.width > 1000  # 6.3 inches at 200 dpi, before trimming
    assert cjk_font in charts.CJK_FAMILIES


def test_a_cjk_font_installed_after_matplotlib_listed_the_fonts_is_found(
    cjk_font: str, monkeypatch
):
    """matplotlib's font list is a cache file made on first use; a font installed later
    is not in it until someone looks at the machine's fonts again."""
    manager = charts.font_manager.fontManager
    files = {font.fname for font in manager.ttflist if font.name == cjk_font}
    stale = [font for font in manager.ttflist if font.fname not in files]
    assert len(stale) < len(manager.ttflist)
    charts.cjk_family.cache_clear()
    monkeypatch.setattr(manager, "ttflist", stale)
    try:
        assert charts.cjk_family() == cjk_font
        assert cjk_font in {font.name for font in manager.ttflist}
    finally:
        charts.cjk_family.cache_clear()


def test_without_a_cjk_font_a_chart_is_refused_saying_what_to_install(monkeypatch):
    charts.cjk_family.cache_clear()
    monkeypatch.setattr(charts.font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(charts.font_manager, "findSystemFonts", lambda: [])
    try:
        with pytest.raises(charts.ChartFontMissingError, match="fonts-noto-cjk"):
            charts.monthly_trend(["2026-07"], [1], [1], "标题")
    finally:
        charts.cjk_family.cache_clear()
