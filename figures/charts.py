"""Charts drawn on the server as SVG shapes, so that they need no script and no inline style under the
site's Content-Security-Policy: each bar is an `<svg viewBox="0 0 100 10">` whose rectangles' `x` and
`width` are percentages of the longest bar, their colours classes of static/css/eig.css. The labels and
numbers stay HTML text beside the bars (legible at 375 px, read by screen readers), and every chart has
its table of the same numbers.

Coordinates are strings with a dot (an SVG attribute), never localised numbers."""

from dataclasses import dataclass

# The number of colours of the series' palette (eig-chart__series--0 … --5).
PALETTE_SIZE = 6


def _coordinate(value: float) -> str:
    return f"{value:.2f}"


@dataclass(frozen=True)
class Segment:
    label: str
    value: int
    x: str
    width: str
    series: int


@dataclass(frozen=True)
class Bar:
    """One row of a chart: its label, its total and its segments (one for a funnel or a plain bar)."""

    label: str
    total: int
    segments: list[Segment]


def _scale(values: list[int]) -> float:
    largest = max(values, default=0)
    return 100 / largest if largest else 0


def funnel_bars(rows: list[tuple[str, int]]) -> list[Bar]:
    """A funnel: each stage a bar centred on the same axis, as wide as its count."""
    scale = _scale([value for _label, value in rows])
    bars = []
    for label, value in rows:
        width = value * scale
        segment = Segment(label, value, _coordinate((100 - width) / 2), _coordinate(width), 0)
        bars.append(Bar(label, value, [segment]))
    return bars


def stacked_bars(rows: list[tuple[str, list[int]]], series: list[str]) -> list[Bar]:
    """Bars split into one segment per series (a profile, a band), laid end to end from the left."""
    scale = _scale([sum(values) for _label, values in rows])
    bars = []
    for label, values in rows:
        x, segments = 0.0, []
        for index, (name, value) in enumerate(zip(series, values, strict=True)):
            if value:
                width = value * scale
                segments.append(Segment(name, value, _coordinate(x), _coordinate(width), index % PALETTE_SIZE))
                x += width
        bars.append(Bar(label, sum(values), segments))
    return bars
