"""Charts drawn on the server as inline SVG: plain bars, stacked bars and histograms, no JavaScript.

Each chart scales with its container through ``viewBox`` (a phone gets it narrower, not cut), carries a
``<title>`` and ``<desc>`` for screen readers, and escapes every label, since labels may come from clients.
The result is ``Markup``, safe to put into a Jinja template as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH = 480  # with 13px text: about 9px on a phone, where the chart is some 330px wide
PLOT_HEIGHT = 180
TOP = 16  # room above the tallest bar for its value
AXIS = 56  # room under the plot for the labels
LEFT = 20  # half a date label: the first one is not cut
LABEL_EVERY_MAX = 10  # more bars than this: only every n-th one is labelled
PALETTE = ("#1f5fbf", "#2e7d32", "#c77700", "#8e24aa", "#00838f", "#6d4c41")
NEUTRAL = "#1f5fbf"


@dataclass(frozen=True)
class Series:
    """One layer of a stacked chart: its name (for the legend) and a value for each bar."""

    name: str
    values: Sequence[int]


def _text(x: float, y: float, label: str, *, anchor: str = "middle", css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(label)}</text>'


def _frame(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title" aria-describedby="{escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet" font-size="13">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def stacked_bars(
    chart_id: str, title: str, desc: str, labels: Sequence[str], series: Sequence[Series], *, gap: float = 0.25
) -> Markup:
    """One bar per label, each made of the ``series`` values stacked from the bottom, with a legend under the axis.

    ``gap`` is the share of each slot left empty between bars (0 for a histogram).
    """
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = max(totals, default=0) or 1
    slot = (WIDTH - 2 * LEFT) / max(len(labels), 1)
    bar = slot * (1 - gap)
    every = -(-len(labels) // LABEL_EVERY_MAX)  # ceil: label at most LABEL_EVERY_MAX bars
    base = TOP + PLOT_HEIGHT
    body = [f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - LEFT}" y2="{base}" stroke="#9aa3b2"/>']
    for i, label in enumerate(labels):
        x = LEFT + i * slot + (slot - bar) / 2
        y = float(base)
        for n, layer in enumerate(series):
            value = layer.values[i]
            if value:
                h = PLOT_HEIGHT * value / top
                y -= h
                colour = PALETTE[n % len(PALETTE)]
                tip = f"{label}: {layer.name} — {value}" if len(series) > 1 else f"{label}: {value}"
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                    f"<title>{escape(tip)}</title></rect>"
                )
        if totals[i]:
            body.append(_text(x + bar / 2, y - 4, str(totals[i]), css="value"))
        if i % every == 0:
            body.append(_text(x + bar / 2, base + 16, label))
    height = base + AXIS
    if len(series) > 1:
        body.extend(_legend(series, base + 36))
    return _frame(chart_id, title, desc, height, body)


def _legend(series: Sequence[Series], y: float) -> list[str]:
    step = (WIDTH - 2 * LEFT) / len(series)
    items = []
    for n, layer in enumerate(series):
        x = LEFT + n * step
        items.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{PALETTE[n % len(PALETTE)]}"/>')
        items.append(_text(x + 18, y, layer.name, anchor="start"))
    return items


def bars(chart_id: str, title: str, desc: str, values: Sequence[tuple[str, int]]) -> Markup:
    """Plain bars: one value per label."""
    labels = [label for label, _ in values]
    return stacked_bars(chart_id, title, desc, labels, [Series(title, [value for _, value in values])])


def histogram(chart_id: str, title: str, desc: str, buckets: Sequence[tuple[str, int]]) -> Markup:
    """Counts per bucket (in the buckets' order), bars touching as a distribution's do."""
    labels = [label for label, _ in buckets]
    return stacked_bars(chart_id, title, desc, labels, [Series(title, [n for _, n in buckets])], gap=0.04)
