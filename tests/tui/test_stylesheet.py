"""Issue 20, stalls: Textual re-parsed the whole stylesheet twice as each screen first showed; the app's
stylesheet keeps each source's parsed rules until the theme's variables change. And it restyled each
screen whole as it first showed, repeating what mounting it had just done."""

from textual.color import Color

from tests.tui.conftest import settle


async def test_refreshing_the_css_keeps_the_rules_already_parsed(demo_app):
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("", "5"):  # and after a screen with widgets not seen before
            if key:
                await pilot.press(key)
                await settle(pilot)
            before, generation = list(demo_app.stylesheet.rules), demo_app.stylesheet.generation
            demo_app.refresh_css()
            after = list(demo_app.stylesheet.rules)
            assert len(after) == len(before) and all(a is b for a, b in zip(after, before, strict=True))
            assert demo_app.stylesheet.generation == generation


async def test_a_new_theme_is_parsed_again_and_restyles_the_screen(demo_app):
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before, generation = set(map(id, demo_app.stylesheet.rules)), demo_app.stylesheet.generation
        dark = demo_app.screen.styles.background
        demo_app.theme = "textual-light"
        await settle(pilot)
        light = demo_app.screen.styles.background
        assert light != dark
        assert light == Color.parse(demo_app.get_theme("textual-light").background)
        assert not before & set(map(id, demo_app.stylesheet.rules))
        assert demo_app.stylesheet.generation > generation


async def test_a_screen_first_shown_keeps_the_styles_it_mounted_with_unless_the_rules_changed(demo_app):
    """My month's widgets are all of kinds the first screen had: its first showing does not restyle it
    whole, and what it shows is what a restyle gives. PACT's tabs bring CSS of kinds not seen before
    as they mount, so its first showing restyles it as Textual does."""
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        restyled = []
        update_styles = demo_app.update_styles
        demo_app.update_styles = lambda node, animate=True: (
            restyled.append(node) or update_styles(node, animate)
        )
        await pilot.press("1")
        await settle(pilot)
        screen = demo_app.screen
        assert type(screen).__name__ == "MyMonthScreen" and screen not in restyled

        def styles() -> dict[object, str]:
            return {node: node.styles.css for node in screen.walk_children(with_self=True)}

        mounted = styles()
        update_styles(screen)
        assert styles() == mounted
        await pilot.press("5")
        await settle(pilot)
        assert type(demo_app.screen).__name__ == "PactScreen" and demo_app.screen in restyled
