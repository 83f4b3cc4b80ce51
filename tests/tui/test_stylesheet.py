"""Issue 20, stalls: Textual re-parsed the whole stylesheet twice as each screen first showed; the app's
stylesheet keeps each source's parsed rules until the theme's variables change."""

from textual.color import Color

from tests.tui.conftest import settle


async def test_refreshing_the_css_keeps_the_rules_already_parsed(demo_app):
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("", "5"):  # and after a screen with widgets not seen before
            if key:
                await pilot.press(key)
                await settle(pilot)
            before = list(demo_app.stylesheet.rules)
            demo_app.refresh_css()
            after = list(demo_app.stylesheet.rules)
            assert len(after) == len(before) and all(a is b for a, b in zip(after, before, strict=True))


async def test_a_new_theme_is_parsed_again_and_restyles_the_screen(demo_app):
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = set(map(id, demo_app.stylesheet.rules))
        dark = demo_app.screen.styles.background
        demo_app.theme = "textual-light"
        await settle(pilot)
        light = demo_app.screen.styles.background
        assert light != dark
        assert light == Color.parse(demo_app.get_theme("textual-light").background)
        assert not before & set(map(id, demo_app.stylesheet.rules))
