"""The SVG charts' geometry (figures.charts): exact coordinates, as the templates write them."""

from figures.charts import Bar, Segment, funnel_bars, stacked_bars


def test_funnel_bars_centre_each_stage_as_wide_as_its_count_against_the_largest():
    bars = funnel_bars([("Déposées", 8), ("Présélectionnées", 2), ("Lauréates", 1), ("Entrepreneur·es", 0)])

    assert bars == [
        Bar("Déposées", 8, [Segment("Déposées", 8, "0.00", "100.00", 0)]),
        Bar("Présélectionnées", 2, [Segment("Présélectionnées", 2, "37.50", "25.00", 0)]),
        Bar("Lauréates", 1, [Segment("Lauréates", 1, "43.75", "12.50", 0)]),
        Bar("Entrepreneur·es", 0, [Segment("Entrepreneur·es", 0, "50.00", "0.00", 0)]),
    ]


def test_funnel_bars_of_nothing_but_zeros_are_empty_bars_in_the_middle():
    assert funnel_bars([("Déposées", 0)]) == [Bar("Déposées", 0, [Segment("Déposées", 0, "50.00", "0.00", 0)])]
    assert funnel_bars([]) == []


def test_stacked_bars_lay_segments_end_to_end_and_skip_the_empty_ones():
    bars = stacked_bars([("Déposées", [3, 0, 1]), ("Lauréates", [1, 1, 0])], ["Dev", "Data", "Design"])

    assert bars == [
        Bar("Déposées", 4, [Segment("Dev", 3, "0.00", "75.00", 0), Segment("Design", 1, "75.00", "25.00", 2)]),
        Bar("Lauréates", 2, [Segment("Dev", 1, "0.00", "25.00", 0), Segment("Data", 1, "25.00", "25.00", 1)]),
    ]


def test_stacked_bars_round_thirds_and_reuse_the_palette_past_its_six_colours():
    series = [f"S{i}" for i in range(8)]

    [bar] = stacked_bars([("Déposées", [1, 0, 0, 0, 0, 0, 1, 1])], series)

    assert bar == Bar(
        "Déposées",
        3,
        [
            Segment("S0", 1, "0.00", "33.33", 0),
            Segment("S6", 1, "33.33", "33.33", 0),
            Segment("S7", 1, "66.67", "33.33", 1),
        ],
    )


def test_stacked_bars_of_zeros_have_no_segment():
    assert stacked_bars([("Déposées", [0, 0])], ["A", "B"]) == [Bar("Déposées", 0, [])]
