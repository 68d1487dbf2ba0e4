"""The server-drawn charts: well-formed SVG a screen reader can name, bars in proportion, labels escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from service.web.svg_charts import Series, bars, histogram, stacked_bars

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def heights(chart: ET.Element) -> dict[str, float]:
    """Each bar's height by its tooltip."""
    return {
        rect.findtext(f"{SVG}title", ""): float(rect.get("height", "0"))
        for rect in chart.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    }


def test_a_stacked_chart_is_named_for_screen_readers_scales_to_its_box_and_keeps_proportions() -> None:
    chart = parse(
        stacked_bars(
            "per-day",
            "Заявки по дням",
            "Столбец — день",
            ["23.11", "24.11"],
            [Series("Telegram", [2, 0]), Series("Viber", [2, 1])],
        )
    )

    assert chart.get("role") == "img" and chart.get("viewBox", "").startswith("0 0 ")
    assert chart.get("width") is None  # as wide as its container: a phone gets it narrower, not cut
    assert (chart.get("aria-labelledby"), chart.get("aria-describedby")) == ("per-day-title", "per-day-desc")
    assert chart.find(f"{SVG}title").get("id") == "per-day-title"  # type: ignore[union-attr]
    assert chart.find(f"{SVG}desc").text == "Столбец — день"  # type: ignore[union-attr]
    assert chart.find(f"{SVG}desc").get("id") == "per-day-desc"  # type: ignore[union-attr]
    drawn = heights(chart)
    assert set(drawn) == {"23.11: Telegram — 2", "23.11: Viber — 2", "24.11: Viber — 1"}  # no empty layer drawn
    assert drawn["23.11: Telegram — 2"] == drawn["23.11: Viber — 2"] == 2 * drawn["24.11: Viber — 1"]
    shown = [text.text for text in chart.iter(f"{SVG}text")]
    assert {"4", "1", "23.11", "24.11", "Telegram", "Viber"} <= set(shown)  # totals, labels, legend


def test_labels_titles_and_ids_are_escaped() -> None:
    hostile = '<script>alert("x")</script> & «кавычки»'

    markup = str(bars('a"b', hostile, hostile, [(hostile, 3), ("ok", 1)]))

    assert "<script>" not in markup
    chart = parse(markup)  # still well-formed
    assert chart.get("id") == 'a"b'
    assert chart.findtext(f"{SVG}title") == hostile
    assert f"{hostile}: 3" in heights(chart)


def test_a_histogram_has_touching_bars_and_an_empty_one_has_no_bars() -> None:
    histogram_bars = list(parse(histogram("h", "Реакция", "…", [("до 1 ч", 1), ("1–2 ч", 1)])).iter(f"{SVG}rect"))
    plain_bars = list(parse(bars("b", "Реакция", "…", [("до 1 ч", 1), ("1–2 ч", 1)])).iter(f"{SVG}rect"))

    def gap(rects: list[ET.Element]) -> float:
        first, second = rects
        return float(second.get("x", "0")) - float(first.get("x", "0")) - float(first.get("width", "0"))

    assert gap(histogram_bars) < gap(plain_bars) / 5
    assert list(parse(bars("e", "Пусто", "…", [("1", 0), ("2", 0)])).iter(f"{SVG}rect")) == []


def test_a_long_period_labels_only_some_days_to_stay_readable() -> None:
    days = [f"{n:02d}.11" for n in range(1, 31)]

    chart = parse(bars("long", "Месяц", "…", [(day, 1) for day in days]))

    labels = [text.text for text in chart.iter(f"{SVG}text") if text.text in days]
    assert labels == days[::3]
