"""Issue 20, stalls: Textual re-parsed the whole stylesheet twice as each screen first showed; the app's
stylesheet keeps each source's parsed rules until the theme's variables change. And it restyled each
screen whole as it first showed, repeating what mounting it had just done."""

from textual.color import Color

from engage_tui.tui.stylesheet import ReusingStylesheet
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
        before, mark = set(map(id, demo_app.stylesheet.rules)), demo_app.stylesheet.mark()
        dark = demo_app.screen.styles.background
        demo_app.theme = "textual-light"
        await settle(pilot)
        light = demo_app.screen.styles.background
        assert light != dark
        assert light == Color.parse(demo_app.get_theme("textual-light").background)
        assert not before & set(map(id, demo_app.stylesheet.rules))
        assert demo_app.stylesheet.restyles_since(mark)


async def test_a_screen_first_shown_keeps_the_styles_it_mounted_with(demo_app):
    """My month's widgets are all of kinds the first screen had, PACT's tabs bring kinds not seen
    before (each kind's CSS, scoped to it, comes as its first widget mounts): neither is restyled
    whole as it first shows, and each shows what a restyle gives."""
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        restyled = []
        update_styles = demo_app.update_styles
        demo_app.update_styles = lambda node, animate=True: (
            restyled.append(node) or update_styles(node, animate)
        )
        for key, name in (("1", "MyMonthScreen"), ("5", "PactScreen")):
            await pilot.press(key)
            await settle(pilot)
            screen = demo_app.screen
            assert type(screen).__name__ == name and screen not in restyled

            def styles() -> dict[object, str]:
                return {node: node.styles.css for node in screen.walk_children(with_self=True)}  # noqa: B023

            mounted = styles()
            update_styles(screen)
            assert styles() == mounted


def test_rules_that_may_change_styled_widgets_are_told_apart():
    """A kind's new scoped DEFAULT_CSS cannot reach widgets styled before it; CSS of the app or a screen,
    changed CSS, and new variables may."""
    stylesheet = ReusingStylesheet(variables={"primary": "red"})
    stylesheet.add_source("Label { color: red; }", read_from=("app.tcss", ""), is_default_css=False)
    mark = stylesheet.mark()
    stylesheet.add_source(
        "Kind { width: 3; }", read_from=("kind.py", "Kind.DEFAULT_CSS"), is_default_css=True, scope="Kind"
    )
    assert not stylesheet.restyles_since(mark)
    stylesheet.add_source("Label { color: blue; }", read_from=("app.tcss", ""), is_default_css=False)
    assert stylesheet.restyles_since(mark)
    unscoped = ReusingStylesheet(variables={"primary": "red"})
    mark = unscoped.mark()
    unscoped.add_source("Screen { width: 3; }", read_from=("screen.py", "S.DEFAULT_CSS"), is_default_css=True)
    assert unscoped.restyles_since(mark)
    themed = ReusingStylesheet(variables={"primary": "red"})
    mark = themed.mark()
    themed.set_variables({"primary": "blue"})
    assert themed.restyles_since(mark)
