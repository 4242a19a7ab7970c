"""Disambiguation, as a style asks, decided once for the whole bibliography.

In the specification's order: show more names (``disambiguate-add-names``),
then initials or given names (``disambiguate-add-givenname``, by cite or by
one of the global ``givenname-disambiguation-rule`` rules), then the style's
``disambiguate="true"`` conditions, then year suffixes ("2009a", "2009b") in
the order of the bibliography. Works are ambiguous when their first cite
(their short form, in a note style) renders the same. Every work of the
bibliography is considered, as the Harvard style does, so a work's label
never depends on which pages cite it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from mkdocs_scholia.csl import markup


def disambiguate(processor: Any) -> dict[str, dict[str, Any]]:
    """What tells each work's citations apart, decided once for the whole bibliography.

    Returns, by key, the values to set on each of its cites (``names_shown``,
    ``name_levels``, ``disambiguate``); year suffixes go on the references.
    """
    settings: dict[str, dict[str, Any]] = defaultdict(dict)
    processor._settings = settings  # renders below read what is decided so far
    citation = processor.citation
    if processor.is_numeric:
        return settings
    add_names = citation.get("disambiguate-add-names", "false") == "true"
    add_given = citation.get("disambiguate-add-givenname", "false") == "true"
    add_suffix = citation.get("disambiguate-add-year-suffix", "false") == "true"
    rule = citation.get("givenname-disambiguation-rule", "by-cite")
    processor.state.givenname_rule = rule
    conditions = './/cs:if[@disambiguate="true"] | .//cs:else-if[@disambiguate="true"]'
    has_condition = bool(processor.root.xpath_search(conditions))
    position = "subsequent" if processor.is_note else "first"
    if add_given and rule != "by-cite":
        _global_given_names(processor, rule)

    def render(key: str) -> str:
        item = processor.item(key)
        item.set("position", position)
        processor._apply_disambiguation(item)
        text, _ = processor._render(item)
        return markup.strip(text).strip()

    def ambiguous(keys: list[str]) -> list[list[str]]:
        by_text: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            by_text[render(key)].append(key)
        return [group for text, group in by_text.items() if text and len(group) > 1]

    groups = ambiguous(list(processor.items))
    for group in groups:
        remaining = group
        if add_names:
            remaining = _add_names(processor, remaining, render)
        if add_given and rule == "by-cite" and len(remaining) > 1:
            remaining = _add_given(processor, remaining, render)
        if has_condition and len(remaining) > 1:
            for key in remaining:
                settings[key]["disambiguate"] = True
            remaining = [key for sub in ambiguous(remaining) for key in sub]
        if add_suffix and len(remaining) > 1:
            _year_suffixes(processor, remaining)
    return settings


def _add_names(processor: Any, group: list[str], render: Any) -> list[str]:
    """Show more names (past et-al) until the works differ; keep them only if that helped."""
    most = max(len(processor.source[key].get("author", []) or []) for key in group)
    start = int(processor.citation.get("et-al-use-first", processor.root.get("et-al-use-first", "1")))
    for shown in range(start + 1, most + 1):
        for key in group:
            processor._settings[key]["names_shown"] = shown
        texts = {key: render(key) for key in group}
        if len(set(texts.values())) > 1:
            counts: dict[str, int] = defaultdict(int)
            for text in texts.values():
                counts[text] += 1
            return [key for key in group if counts[texts[key]] > 1]
    for key in group:
        processor._settings[key].pop("names_shown", None)
    return group

def _add_given(processor: Any, group: list[str], render: Any) -> list[str]:
    for level in (1, 2):
        for key in group:
            count = len(processor.source[key].get("author", []) or []) or 1
            processor._settings[key]["name_levels"] = dict.fromkeys(range(count), level)
        texts = {key: render(key) for key in group}
        if len(set(texts.values())) == len(group):
            return []
    for key in group:
        processor._settings[key].pop("name_levels", None)
    return group

def _global_given_names(processor: Any, rule: str) -> None:
    primary = rule.startswith("primary-name")
    with_initials = rule.endswith("with-initials")
    by_family: dict[str, set[str]] = defaultdict(set)
    for key in processor.items:
        reference = processor.source[key]
        for variable in ("author", "editor"):
            names = reference.get(variable) or []
            for index, name in enumerate(names):
                if primary and index > 0:
                    break
                given, family, *_ = name.parts()
                if family and given:
                    by_family[family].add(given)
            if names:
                break
    levels: dict[tuple[str, str], int] = {}
    for family, givens in by_family.items():
        if len(givens) < 2:
            continue
        initials = defaultdict(set)
        for given in givens:
            initials[_initials(given)].add(given)
        for given in givens:
            needs_full = len(initials[_initials(given)]) > 1 and not with_initials
            levels[(family, given)] = 2 if needs_full else 1
    processor.state.name_levels = levels
    processor.state.primary_only = primary

def _year_suffixes(processor: Any, group: list[str]) -> None:
    for index, key in enumerate(processor._bibliography_order(group)):
        processor.source[key]["year_suffix"] = _suffix(index)


def _suffix(index: int) -> str:
    """``a`` … ``z``, ``aa``, ``ab`` …: the year suffix of the ``index``-th work."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _initials(given: str) -> str:
    return "".join(part[0] for part in re.split(r"[\s.\-]+", given) if part)
