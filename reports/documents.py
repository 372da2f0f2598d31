"""Filling the Word templates: the office's edited copy if its settings name a folder, the
shipped one otherwise; every value escaped, so a description with "<" or "&" stays text."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from application.policy import DocumentPolicy

SHIPPED = Path(__file__).parent / "templates"
CHART_WIDTH = Mm(150)


def template(policy: DocumentPolicy, name: str) -> DocxTemplate:
    folder = Path(policy.templates) if policy.templates else SHIPPED
    return DocxTemplate(str(folder / name))


def image(document: DocxTemplate, png: bytes) -> InlineImage:
    return InlineImage(document, io.BytesIO(png), width=CHART_WIDTH)


def render(document: DocxTemplate, context: dict[str, Any]) -> bytes:
    document.render(context, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def chinese_date(day: date) -> str:
    """A date as documents write it: 2026年10月22日."""
    return f"{day.year}年{day.month}月{day.day}日"


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1%}"
