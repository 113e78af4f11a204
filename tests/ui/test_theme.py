"""Both themes keep every text readable (≥ 4.5:1) and every edge visible (≥ 3:1)."""

from __future__ import annotations

import pytest

from ui import theme


@pytest.mark.parametrize("palette", [theme.NORMAL, theme.HIGH_CONTRAST], ids=lambda p: p.name)
def test_every_text_pair_has_enough_contrast(palette: theme.Palette) -> None:
    weak = [
        (what, fg, bg, round(theme.contrast_ratio(fg, bg), 2))
        for what, fg, bg in theme.text_pairs(palette)
        if theme.contrast_ratio(fg, bg) < theme.MIN_TEXT_CONTRAST
    ]
    assert weak == []


@pytest.mark.parametrize("palette", [theme.NORMAL, theme.HIGH_CONTRAST], ids=lambda p: p.name)
def test_borders_and_focus_rings_stand_out(palette: theme.Palette) -> None:
    weak = [
        (what, round(theme.contrast_ratio(fg, bg), 2))
        for what, fg, bg in theme.component_pairs(palette)
        if theme.contrast_ratio(fg, bg) < theme.MIN_COMPONENT_CONTRAST
    ]
    assert weak == []


@pytest.mark.parametrize("palette", [theme.NORMAL, theme.HIGH_CONTRAST], ids=lambda p: p.name)
def test_every_colour_of_the_stylesheet_is_a_checked_one(palette: theme.Palette) -> None:
    checked = {
        c for _, fg, bg in theme.text_pairs(palette) + theme.component_pairs(palette) for c in (fg, bg)
    }
    sheet = theme.stylesheet(palette, 100)
    used = {c for c in theme.palette_colours(palette).values() if c in sheet}
    # The greyed A− / A+ at their limit is exempt (WCAG 1.4.3: inactive controls).
    assert used - checked <= {palette.disabled}


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert theme.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert theme.contrast_ratio("#ffffff", "#777777") == theme.contrast_ratio("#777777", "#ffffff")


def test_text_starts_at_18_pt_and_targets_grow_with_it() -> None:
    assert theme.point_size(100) >= 18
    assert theme.point_size(200) == 2 * theme.point_size(100)
    assert theme.target_px(100) >= 44 and theme.target_px(200) == 2 * theme.target_px(100)
    assert theme.clamp_scale(260) == 200 and theme.clamp_scale(90) == 100 and theme.clamp_scale(130) == 125


@pytest.mark.parametrize("palette", [theme.NORMAL, theme.HIGH_CONTRAST], ids=lambda p: p.name)
def test_a_ticked_box_shows_a_check_mark_that_stands_out(palette: theme.Palette) -> None:
    """A ticked box was a filled square with no mark: the mark is the page colour on the box's fill."""
    from pathlib import Path

    from ui.journey import style

    sheet = style.stylesheet(palette is theme.HIGH_CONTRAST, 100)
    icon = Path(style.tick_icon(palette.background))
    assert f'url("{icon.as_posix()}")' in sheet
    assert f'stroke="{palette.background}"' in icon.read_text(encoding="utf-8")
    assert theme.contrast_ratio(palette.background, palette.text) >= theme.MIN_COMPONENT_CONTRAST


@pytest.mark.parametrize("scale", [100, 200])
def test_the_scroll_bar_is_a_touch_target_too(scale: int) -> None:
    """A finger on a touch screen scrolls with the bar: it is at least 44 px wide, like every target."""
    import re

    sheet = theme.stylesheet(theme.NORMAL, scale)
    width = re.search(r"QScrollBar:vertical \{[^}]*width: (\d+)px", sheet)
    handle = re.search(r"QScrollBar::handle:vertical \{[^}]*min-height: (\d+)px", sheet)
    assert width is not None and int(width[1]) >= theme.MIN_TARGET_PX
    assert handle is not None and int(handle[1]) >= theme.MIN_TARGET_PX


def test_headings_keep_their_order_and_grow_less_than_the_text() -> None:
    for scale in theme.SCALES:
        sizes = [theme.heading_size(scale, step) for step in (0.6, 0.3, 0.15)]
        assert sizes == sorted(sizes, reverse=True) and sizes[-1] > theme.point_size(scale)
    assert theme.heading_size(100, 0.6) == theme.point_size(100, 1.6)  # 100 % as before: 28.8 pt
    assert theme.heading_size(200, 0.6) < 2 * theme.heading_size(100, 0.6)
