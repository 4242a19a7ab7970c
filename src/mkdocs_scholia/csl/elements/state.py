"""What one rendering pass tells the elements, and what they report back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mkdocs_scholia.csl import markup

if TYPE_CHECKING:
    # Mixins of citeproc-py's element classes, which publish no types: to the
    # type checker they are as untyped as what they mix into.
    Untyped = Any
else:
    Untyped = object


@dataclass
class RenderState:
    """What one rendering pass tells the elements, and what they report back."""

    names_mode: str | None = None  # None, "suppress" (the author) or "author-only"
    names_seen: bool = False  # a names element has rendered in this pass
    names_depth: int = 0  # names elements being rendered, one inside another
    first_names: str | None = None  # what the first names element rendered
    year_suffix_shown: bool = False  # the year suffix was rendered in this pass
    sorting: bool = False  # rendering sort keys, which never hold the year suffix
    substituted: set[str] = field(default_factory=set)  # variables a substitute printed: not again
    collecting: list[set[str]] = field(default_factory=list)  # variables printed inside substitutes
    called: int = 0  # variables looked up so far (for a group's implicit condition)
    rendered: int = 0  # … and of those, how many printed something
    implicit_year_suffix: bool = True  # the style does not print year-suffix itself
    links: markup.Links = field(default_factory=markup.Links)
    # Given names shown to tell names apart, by (family, given): 1 initials, 2 in full.
    name_levels: dict[tuple[str, str], int] = field(default_factory=dict)
    primary_only: bool = False  # name_levels apply to the first name of a list only
    givenname_rule: str = "by-cite"  # the citation's givenname-disambiguation-rule
    locale_loader: Callable[[str], Any] | None = None


def new_pass(state: RenderState, mode: str | None = None) -> None:
    """Start rendering one cite, entry or sort key."""
    state.names_mode, state.names_seen, state.first_names = mode, False, None
    state.year_suffix_shown, state.names_depth = False, 0
    state.substituted, state.collecting = set(), []


def printed(state: RenderState, variable: str) -> None:
    """Note a variable printed inside a substitute, so that the rest leaves it out."""
    if state.collecting:
        state.collecting[-1].add(variable)


def state_of(element: Any) -> RenderState:
    root = element.get_root()
    state = getattr(root, "render_state", None)
    if state is None:  # a locale's element: it renders dates and terms only
        style = getattr(root, "style", None)
        state = getattr(style, "render_state", None) if style is not None else None
    return state if state is not None else RenderState()


def item_value(item: Any, name: str, default: Any = None) -> Any:
    """A value the processor set on a cite (``position``, ``disambiguate``…)."""
    try:
        return dict.__getitem__(item, name)
    except (KeyError, TypeError):
        return default
