"""``cs:name``: initials, et al. (also for subsequent cites), and the names and given names disambiguation adds.
"""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc.string import String

from mkdocs_scholia.csl.elements.state import RenderState, item_value, state_of


class Name(model.Name):
    def get_option(self, name: Any, context: Any = None, sort_options: Any = None) -> Any:
        """As citeproc-py, with the enclosing citation or bibliography looked up once."""
        if sort_options is not None and name in sort_options:
            value = sort_options[name]
        else:
            parent = (context if context is not None else self).scope()
            if name in ("form", "delimiter"):
                value = self.get(name, parent.get_option("name-" + name))
            else:
                value = self.get(name, parent.get_option(name))
        if name in ("initialize-with-hyphen", "et-al-use-last"):
            value = str(value).lower() == "true"
        elif name.startswith("et-al"):
            value = int(value)
        return value

    def process(self, item: Any, variable: Any, context: Any = None, sort_options: Any = None, **kwargs: Any) -> Any:
        def option(name: Any) -> Any:
            return self.get_option(name, context, sort_options)

        names = list(item.reference.get(variable, []))
        state = state_of(self)
        and_ = option("and")
        and_term = None
        if and_ == "text":
            and_term = self.get_single_term(name="and")
        elif and_ == "symbol":
            and_term = "&"
        delimiter = option("delimiter")
        first_position = item_value(item, "position", "first") == "first" or sort_options is not None
        et_al_min = option("et-al-min")
        et_al_use_first = option("et-al-use-first")
        if not first_position and self._inherited("et-al-subsequent-min", context) is not None:
            et_al_min = option("et-al-subsequent-min")
            et_al_use_first = option("et-al-subsequent-use-first")
        shown = item_value(item, "names_shown")
        form = option("form")
        if form == "count":
            if et_al_min and len(names) >= et_al_min:
                return min(len(names), max(et_al_use_first, shown or 0))
            return len(names)
        truncate = bool(et_al_min) and len(names) > 1 and len(names) >= et_al_min
        use_first = et_al_use_first
        if shown is not None and sort_options is None:
            use_first = max(use_first, shown)
            truncate = truncate and use_first < len(names)
        use_last = option("et-al-use-last") and truncate and use_first <= et_al_min - 2 if truncate else False
        if truncate:
            names = names[:use_first] + ([names[-1]] if use_last else [])
        initialize_with = option("initialize-with")
        initialize = self.get("initialize", "true").lower() != "false"
        as_sort = option("name-as-sort-order")
        sort_separator = option("sort-separator")
        demote = option("demote-non-dropping-particle")
        output = []
        for index, name in enumerate(names):
            level = 0
            if sort_options is None:
                level = self._level(item, name, index, state)
                if level == 1 and initialize_with is None and not state.givenname_rule.endswith("with-initials"):
                    level = 2  # without initialize-with, a name is told apart by its given name in full
            if sort_options is not None and demote == "sort-only":
                demote = "display-and-sort"  # sort-only: the particle is demoted when sorting
            output.append(
                self._one(
                    name, index, form, level, initialize_with, initialize, as_sort, sort_separator, demote, context
                )
            )
        et_al = self.et_al()
        text: Any
        if truncate and use_last:
            text = self.join(output[:-1], delimiter) + delimiter + "\u2026 " + output[-1]
        elif truncate and et_al:
            precedes = option("delimiter-precedes-et-al")
            if precedes == "always" or (precedes == "contextual" and len(output) >= 2) or (
                precedes == "after-inverted-name" and as_sort in ("first", "all")
            ):
                text = self.join(output, delimiter) + delimiter + et_al
            else:
                text = self.join(output, delimiter) + " " + et_al
        elif truncate:
            text = self.join(output, delimiter)
        elif and_term is not None and len(output) > 1:
            precedes = option("delimiter-precedes-last")
            use_delimiter = (
                precedes == "always"
                or (precedes == "contextual" and len(output) > 2)
                or (
                    precedes == "after-inverted-name"
                    and (as_sort == "all" or (as_sort == "first" and len(output) == 2))
                )
            )
            head = self.join(output[:-1], delimiter)
            text = head + (delimiter if use_delimiter else " ") + and_term + " " + output[-1]
        else:
            text = self.join(output, delimiter)
        return String(str(text)) if text else None

    def _inherited(self, name: str, context: Any) -> str | None:
        """An option set on this name, its citation/bibliography or the style; None if nowhere."""
        if self.get(name) is not None:
            return self.get(name)
        scope = (context if context is not None else self).scope()
        if scope is not None and scope.get(name) is not None:
            return scope.get(name)
        return self.get_root().get(name)

    @staticmethod
    def _level(item: Any, name: Any, index: int, state: RenderState) -> int:
        levels = item_value(item, "name_levels") or {}
        level = levels.get(index, 0)
        if not state.primary_only or index == 0:
            given, family, *_ = name.parts()
            level = max(level, state.name_levels.get((family or "", given or ""), 0))
        return level

    def _one(
        self,
        name: Any,
        index: int,
        form: str,
        level: int,
        initialize_with: str | None,
        initialize: bool,
        as_sort: str | None,
        sort_separator: str,
        demote: str,
        context: Any,
    ) -> str:
        given, family, dropping, non_dropping, suffix = name.parts()
        if "literal" in name:
            return str(self._format_parts(None, family)[1])
        if form == "short" and level == 0:
            family_part = " ".join(part for part in (non_dropping, family) if part)
            return str(self._format_parts(None, family_part)[1])
        if given is not None and initialize_with is not None:
            if level == 2:
                pass  # disambiguation shows the given name in full
            elif initialize:
                given = self.initialize(given, initialize_with, context)
            else:
                given = self._normalize_initials(given, initialize_with)
        elif given is not None and level == 1:
            given = self.initialize(given, "", context).strip()
        inverted = as_sort == "all" or (as_sort == "first" and index == 0)
        if inverted:
            if demote in ("never", "sort-only"):
                family = " ".join(part for part in (non_dropping, family) if part)
                given = " ".join(part for part in (given, dropping) if part) or None
            else:
                given = " ".join(part for part in (given, dropping, non_dropping) if part) or None
            given, family = self._format_parts(given, family)
            return sort_separator.join(str(part) for part in (family, given, suffix) if part)
        family = " ".join(part for part in (dropping, non_dropping, family) if part)
        given, family = self._format_parts(given, family)
        text = " ".join(str(part) for part in (given, family) if part)
        if suffix:
            text += (", " if "," in sort_separator else " ") + suffix
        return text

    def _format_parts(self, given: Any, family: Any) -> Any:
        for part in self.findall("cs:name-part", self.nsmap):
            given, family = part.format_part(given, family)
        return given, family

    @staticmethod
    def _normalize_initials(given: str, mark: str) -> str:
        """``J.K.`` → ``J. K.`` (with ``initialize-with``), full given names unchanged."""
        words = []
        for word in given.replace(".", ". ").split():
            if len(word.rstrip(".")) == 1 and word[0].isupper():
                words.append(word.rstrip(".") + mark.strip())
            else:
                words.append(word)
        joiner = " " if mark.endswith(" ") else ""
        result = ""
        for word in words:
            if result:
                result += joiner if result.endswith(mark.strip()) and len(result.split()[-1].rstrip(".")) == 1 else " "
            result += word
        return result

    def initialize(self, given: Any, mark: Any, context: Any) -> Any:
        """As citeproc-py, without failing on an empty part (``"J.-"``)."""
        hyphen = self.get_option("initialize-with-hyphen", context)
        parts = given.split("-") if hyphen else [given.replace("-", " ")]
        results = []
        for part in parts:
            group: list[str] = []
            result = ""
            for word in part.replace(".", " ").split():
                if word[0].isupper():
                    group.append(word[0])
                else:  # a lower-case word (a particle) is not initialized
                    result += mark.join(group) + (mark if group else "") + " " + word + " "
                    group = []
            result += mark.join(group) + (mark if group else "")
            results.append(" ".join(result.split()))
        joined = "-".join(part for part in results if part)
        return joined.rstrip() if mark.endswith(" ") else joined
