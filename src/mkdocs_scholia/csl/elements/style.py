"""The style itself (its locales), sort keys, and the lookups every element caches.
"""

from __future__ import annotations

from typing import Any

from citeproc import model

from mkdocs_scholia.csl.elements.state import Untyped, new_pass, state_of


class Style(model.Style):
    def set_locale_list(self, output_locale: Any, validate: Any = True) -> Any:
        """As citeproc-py, but locale files come through our safe parser and classes."""
        from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

        loader = self.render_state.locale_loader
        self.locales: list[Any] = []
        added: set[str] = set()

        def in_style(locale: str | None) -> None:
            expression = f'./cs:locale[@xml:lang="{locale}"]' if locale else "./cs:locale[not(@xml:lang)]"
            self.locales.extend(self.xpath_search(expression)[:1])

        def from_file(locale: str) -> None:
            if locale not in added:
                self.locales.append(loader(locale))
                added.add(locale)

        language = output_locale.split("-")[0]
        in_style(output_locale)
        in_style(language)
        in_style(None)
        if output_locale in LANGUAGE_NAMES:
            from_file(output_locale)
        if language in PRIMARY_DIALECTS:
            from_file(PRIMARY_DIALECTS[language])
        from_file("en-US")
        for locale in self.locales:
            locale.style = self


class Key(model.Key):
    def sort_keys(self, items: Any, context: Any) -> Any:
        """As citeproc-py, but each item's macro key is rendered afresh (nothing left from the last)."""
        if "macro" not in self.attrib:
            return super().sort_keys(items, context)
        layout = context.get_layout()
        options = {"name-as-sort-order": "all"}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                options[option.replace("names", "et-al")] = self.get(option)
        macro = self.get_macro(self.get("macro"))
        state = state_of(self)
        keys = []
        for item in items:
            layout.repressed = {}
            new_pass(state)
            keys.append(macro.render(item, context=context, sort_options=options))
        return keys


class _Cached(Untyped):
    """Lookups citeproc-py repeated on every call, done once per element (see the module's docstring)."""

    def get_root(self) -> Any:
        root = self.__dict__.get("_root")
        if root is None:
            root = self.__dict__["_root"] = self.getroottree().getroot()
        return root

    def _memo(self) -> dict:
        root = self.get_root()
        memo = root.__dict__.get("_lookups")
        if memo is None:
            memo = root.__dict__["_lookups"] = {}
        return memo

    def get_macro(self, name: Any) -> Any:
        memo = self._memo()
        found = memo.get(("macro", name))
        if found is None:
            found = memo[("macro", name)] = super().get_macro(name)
        return found

    def get_term(self, name: Any, form: Any = None, fallback_locale: Any = True, zero_padded: Any = False) -> Any:
        memo = self._memo()
        key = ("term", name, form, fallback_locale, zero_padded)
        if key not in memo:
            memo[key] = super().get_term(name, form, fallback_locale, zero_padded)
        return memo[key]

    def get_date(self, form: Any) -> Any:
        memo = self._memo()
        if ("date", form) not in memo:
            memo[("date", form)] = super().get_date(form)
        return memo[("date", form)]

    def get_locale_option(self, name: Any) -> Any:
        memo = self._memo()
        if ("option", name) not in memo:
            memo[("option", name)] = super().get_locale_option(name)
        return memo[("option", name)]

    def get_layout(self) -> Any:
        layout = self.__dict__.get("_layout")
        if layout is None:
            layout = self.__dict__["_layout"] = super().get_layout()
        return layout

    def scope(self) -> Any:
        """The citation or bibliography this element renders in (None inside a macro or locale)."""
        if "_scope" not in self.__dict__:
            found = self.xpath_search("./ancestor-or-self::*[self::cs:citation or self::cs:bibliography][1]")
            self.__dict__["_scope"] = found[0] if found else None
        return self.__dict__["_scope"]

    def is_locale_date(self) -> Any:
        if "_locale_date" not in self.__dict__:
            self.__dict__["_locale_date"] = super().is_locale_date()
        return self.__dict__["_locale_date"]


class _CachedLocale(_Cached):
    def get_term(  # type: ignore[override]  # a locale's own signature, as in citeproc-py
        self, name: Any, form: Any = None, zero_padded: Any = False
    ) -> Any:
        memo = self._memo()
        key = ("locale-term", name, form, zero_padded)
        if key not in memo:
            try:
                memo[key] = model.Locale.get_term(self, name, form, zero_padded)
            except IndexError:
                memo[key] = None
        if memo[key] is None:
            raise IndexError(name)
        return memo[key]
