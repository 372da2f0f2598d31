"""Charts for the circular, drawn offline as PNG with matplotlib's Agg canvas: the monthly
trend of problems received and resolved, and each unit's on-time rate. Chinese text needs a
CJK font on the machine (Debian's fonts-noto-cjk; .ci/run and the Dockerfile install it);
without one a chart is refused with a message saying so, not drawn with empty boxes."""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Sequence
from functools import cache

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import MaxNLocator

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
)
DPI = 200
_RESCAN = threading.Lock()


class ChartFontMissingError(RuntimeError):
    """No CJK font is installed: Chinese labels would be drawn as empty boxes."""


@cache
def cjk_family() -> str:
    """The first CJK family installed. matplotlib keeps its list of fonts in a cache file
    made on first use: a font installed after that is not in it, so a miss looks again at
    the fonts on the machine before refusing."""
    family = _first_cjk()
    if family is None:
        with _RESCAN:
            _add_fonts_not_listed()
            family = _first_cjk()
    if family is not None:
        return family
    raise ChartFontMissingError(
        "no CJK font is installed for the charts; install Debian's fonts-noto-cjk "
        f"(apt-get install fonts-noto-cjk), or one of {', '.join(CJK_FAMILIES)}"
    )


def _first_cjk() -> str | None:
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


def _add_fonts_not_listed() -> None:
    """Adds the machine's font files the cached list lacks."""
    listed = {font.fname for font in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in listed:
            with contextlib.suppress(OSError, RuntimeError, ValueError):  # not a font
                font_manager.fontManager.addfont(path)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _figure(title: str, height: float = 3.2) -> tuple[Figure, Axes, FontProperties]:
    """A figure of its own, not pyplot's shared state: requests draw on several threads."""
    font = FontProperties(family=cjk_family())
    figure = Figure(figsize=(6.3, height), dpi=DPI, layout="tight")
    axes = figure.add_subplot()
    axes.set_title(title, fontproperties=font, fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes, font


def monthly_trend(
    months: Sequence[str], received: Sequence[int], resolved: Sequence[int], title: str
) -> bytes:
    """Bars of problems received and resolved, month by month ("2026-07" → "7月")."""
    figure, axes, font = _figure(title)
    positions = range(len(months))
    width = 0.38
    axes.bar([p - width / 2 for p in positions], received, width, label="受理", color="#4472C4")
    axes.bar([p + width / 2 for p in positions], resolved, width, label="办结", color="#70AD47")
    axes.set_xticks(list(positions), [f"{int(m[5:])}月" for m in months], fontproperties=font)
    axes.set_ylabel("件", fontproperties=font)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(frameon=False, prop=font)
    return _png(figure)


def on_time_rates(units: Sequence[str], rates: Sequence[float], title: str) -> bytes:
    """Horizontal bars, one a unit, of the share of problems handled by their time limit;
    below 80% in red."""
    figure, axes, font = _figure(title, height=max(2.4, 0.42 * len(units) + 1))
    rows = list(range(len(units)))[::-1]  # the first unit on top
    colors = ["#C00000" if rate < 0.8 else "#4472C4" for rate in rates]
    axes.barh(rows, [rate * 100 for rate in rates], color=colors)
    axes.set_yticks(rows, list(units), fontproperties=font)
    axes.set_xlim(0, 110)
    axes.set_xlabel("按时办结率（%）", fontproperties=font)
    for y, rate in zip(rows, rates, strict=True):
        axes.text(rate * 100 + 1, y, f"{rate:.0%}", va="center", fontsize=8)
    return _png(figure)
