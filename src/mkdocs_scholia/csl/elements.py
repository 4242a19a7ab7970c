"""Our corrections to citeproc-py's CSL elements, as subclasses.

citeproc-py renders each CSL element through a Python class that lxml
attaches to the element when a style is parsed. :func:`element_classes`
gives the parser of :mod:`mkdocs_scholia.csl.styles` citeproc-py's classes
with these subclasses in their place, so the corrections apply to the styles
this package loads and to nothing else (citeproc-py itself is not modified).

What each subclass adds or corrects, after the CSL 1.0.2 specification:

* ``If``: the ``position`` test reads the position the processor computed
  for the cite (first, subsequent, ibid, ibid-with-locator, near-note), per
  page, instead of citeproc-py's guess; the ``disambiguate`` test, which
  citeproc-py ignored (so every branch with it was taken);
* ``Name``: ``initialize="false"``, ``et-al-subsequent-*``, and the names and
  given names that disambiguation adds; a name's ``form="short"`` keeps its
  particle;
* ``Names``: suppressing the author (``[-@key]``, collapsed cites) and
  rendering the author alone (narrative citations); the first names of a
  bibliography entry are remembered for ``subsequent-author-substitute``;
* ``Text``: ``URL`` and ``DOI`` are links; ``citation-number``,
  ``year-suffix`` and ``first-reference-note-number`` come from the
  processor;
* ``Date`` and ``Date_Part``: a style's date-part attributes no longer leak
  into the locale's date formats (citeproc-py wrote them into the locale);
  the year suffix follows the first year rendered when the style does not
  print ``year-suffix`` itself;
* ``Group``: a group is left out when it calls variables and all of them are
  empty, counting the variables its children really looked up (citeproc-py
  counted every branch of a ``choose``, so a group whose other branch names a
  variable printed "(Publication)" alone);
* ``Label``: ``text-case="title"`` works (citeproc-py skipped it);
* page ranges, of ``page`` and of page locators, follow the style's
  ``page-range-format`` ("150–52" in Chicago; citeproc-py cut "1–46" to "1–6");
* ``Style``: locales are parsed by the same safe parser, with these classes.

The corrections are one module, longer than most here, as the module they
correct (citeproc-py's ``model.py``, 1,600 lines) is one: each class below
stands for the class of the same name there.

Every class also gets :class:`_Cached`, which remembers what citeproc-py
looked up with an XPath query on every call (a macro by name, a locale
term, the enclosing layout, citation or bibliography): those queries were
a third of the time of a reference in a large style such as Chicago. The
processor keeps every element of a style alive, so what is remembered on an
element stays with it (lxml makes a new Python object for an element whose
old one was dropped).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String

from mkdocs_scholia.csl import markup
from mkdocs_scholia.rules import dois


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


def state_of(element) -> RenderState:
    root = element.get_root()
    state = getattr(root, "render_state", None)
    if state is None:  # a locale's element: it renders dates and terms only
        style = getattr(root, "style", None)
        state = getattr(style, "render_state", None) if style is not None else None
    return state if state is not None else RenderState()


def item_value(item, name: str, default: Any = None) -> Any:
    """A value the processor set on a cite (``position``, ``disambiguate``…)."""
    try:
        return dict.__getitem__(item, name)
    except (KeyError, TypeError):
        return default


class Style(model.Style):
    def set_locale_list(self, output_locale, validate=True):
        """As citeproc-py, but locale files come through our safe parser and classes."""
        from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

        loader = self.render_state.locale_loader
        self.locales = []
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


class If(model.If):
    def render(self, item, context=None, delimiter="", **kwargs):
        results = []
        if "type" in self.attrib:
            results += self._type(item)
        if "variable" in self.attrib:
            results += self._variable(item)
        if "is-numeric" in self.attrib:
            results += self._is_numeric(item)
        if "is-uncertain-date" in self.attrib:
            results += self._is_uncertain_date(item)
        if "locator" in self.attrib:
            results += self._locator(item)
        if "position" in self.attrib:
            results += self._position(item, context)
        if "disambiguate" in self.attrib:
            wanted = self.get("disambiguate").lower() == "true"
            results.append(bool(item_value(item, "disambiguate", False)) == wanted)
        match = self.get("match", "all")
        if match == "any":
            passed = any(results)
        elif match == "none":
            passed = not any(results)
        else:
            passed = all(results)
        if not passed:
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def _type(self, item):
        return [kind.lower() == item.reference.type for kind in self.get("type").split()]

    def _is_numeric(self, item):
        results = []
        for variable in self.get("is-numeric").split():
            name = variable.replace("-", "_")
            if variable == "locator":
                value = item.locator.identifier if item.has_locator else None
            else:
                value = item.reference.get(name) if name in item.reference else None
            results.append(value is not None and NUMERIC.match(markup.strip(str(value)).strip()) is not None)
        return results

    def _position(self, item, context):
        element = context if context is not None else self
        scope = element.scope() if hasattr(element, "scope") else None
        if item_value(item, "in_bibliography") or (scope is not None and scope.tag.endswith("}bibliography")):
            return [False] * len(self.get("position").split())
        position = item_value(item, "position", "first")
        results = []
        for test in self.get("position").split():
            if test == "first":
                results.append(position == "first")
            elif test == "subsequent":
                results.append(position != "first")
            elif test == "ibid":
                results.append(position in ("ibid", "ibid-with-locator"))
            elif test == "ibid-with-locator":
                results.append(position == "ibid-with-locator")
            elif test == "near-note":
                results.append(position != "first" and bool(item_value(item, "near_note", False)))
            else:
                results.append(False)
        return results


class Else_If(If):  # noqa: N801 (citeproc-py's class names are the element names)
    pass


# CSL's is-numeric: a number, optionally with letters around it ("2a", "L2"),
# or several joined by "-", "&", "," or "and".
NUMERIC = re.compile(r"^[A-Za-z]*\d+[A-Za-z]*(?:\s*(?:[-\u2013,&]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*$")


class _CountsVariables:
    """Counts the variables an element looks up and whether it printed them (see ``Group``)."""

    def _counted(self) -> bool:
        return True

    def render(self, *args, **kwargs):
        state = state_of(self)
        counted = self._counted()
        if counted:
            state.called += 1
        text = super().render(*args, **kwargs)
        if counted and text:
            state.rendered += 1
        return text


class _PageRanges:
    """``page-range-format`` after the CSL specification (expanded, minimal, minimal-two, chicago)."""

    def _format_last_page(self, first, last):
        style = self.get_root().get("page-range-format")
        first, last = str(first).strip(), str(last).strip()
        if not style or not (first.isdigit() and last.isdigit()):
            return last
        if len(last) < len(first):  # "321-28": the last page written short
            last = first[: len(first) - len(last)] + last
        if int(last) <= int(first) or len(last) != len(first):
            return last
        common = 0
        while common < len(first) and first[common] == last[common]:
            common += 1
        if style in ("chicago", "chicago-15", "chicago-16"):
            number = int(first)
            if number < 100 or number % 100 == 0:
                return last
            if style != "chicago-16" and len(first) == 4 and common < 2:
                return last  # chicago-15: four digits, three of them changed: all four
            style = "minimal" if number % 100 < 10 else "minimal-two"
        if style == "minimal":
            return last[common:]
        if style == "minimal-two":
            return last[min(common, len(last) - 2) :]
        return last


class Group(model.Group):
    def process(self, item, context=None, **kwargs):
        state = state_of(self)
        called, rendered = state.called, state.rendered
        output = []
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        if output and (state.called == called or state.rendered > rendered):
            return self.join(output)
        raise VariableError


class Label(model.Label):
    def markup(self, text):
        if not text:
            return None
        return self.wrap(self.format(self.case(self.strip_periods(text), "en")))


class Number(_CountsVariables, _PageRanges, model.Number):
    pass


class Names(_CountsVariables, model.Names):
    def get_parent_delimiter(self, context=None):
        return (context if context is not None else self).scope().get_option("names-delimiter")

    def process(self, item, names_context=None, context=None, **kwargs):
        if kwargs.get("sort_options") is not None:
            return self._process(item, names_context, context, **kwargs)
        state = state_of(self)
        state.names_depth += 1  # names inside a substitute belong to the outer names
        try:
            text = self._process(item, names_context, context, **kwargs)
        finally:
            state.names_depth -= 1
        if state.names_depth or state.names_seen or not text:
            return text
        state.names_seen, state.first_names = True, str(self.markup(text))
        if state.names_mode == "suppress":
            raise VariableError  # the author is left out; the rest renders as without them
        return text

    def _process(self, item, names_context=None, context=None, **kwargs):
        if context is None:
            context = self
        if names_context is None and self.find("cs:name", self.nsmap) is None:
            # Inside a substitute, a <names/> without <name/> takes the outer names' options,
            # also when a choose stands between them (citeproc-py saw only direct children).
            outer = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names")
            if outer:
                names_context = outer[0]
        if names_context is None:
            names_context = self
        state = state_of(self)
        sorting = kwargs.get("sort_options") is not None
        roles = [role for role in self.get("variable").split() if sorting or role not in state.substituted]
        try:
            together = (
                set(roles) == {"editor", "translator"}
                and item.reference.editor == item.reference.translator
                and self.get_term("editortranslator") is not None
            )
        except VariableError:
            together = False
        if together:
            roles = ["editor"]
        output = []
        for role in roles:
            variable = role.replace("-", "_")
            if variable not in item.reference:
                continue
            name_element = names_context.name
            if name_element is None:  # <names/> without <name/>: a default one, as citeproc-py does
                name_element = names_context.makeelement(f"{{{self.nsmap['cs']}}}name")
                names_context.insert(0, name_element)
            text = name_element.render(item, variable, context=context, **kwargs)
            if text is None:
                continue
            if isinstance(text, int):
                output.append(text)
                continue
            label_element = names_context.label
            if label_element is not None:
                plural = len(item.reference[variable]) > 1
                label = label_element.render(item, "editortranslator" if together else role, plural, **kwargs)
                if label is not None:
                    children = names_context.getchildren()
                    text = label + text if children and label_element is children[0] else text + label
            output.append(text)
            printed(state, role)
        if output:
            if all(isinstance(part, int) for part in output):
                total = sum(output)
                return str(total) if total > 0 else None
            return self.join(output, self.get_parent_delimiter(context))
        substitute = self.substitute()
        if substitute is not None:
            return substitute.render(item, context=context, **kwargs)
        raise VariableError


class Name(model.Name):
    def get_option(self, name, context=None, sort_options=None):
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

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        def option(name):
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
                self._one(name, index, form, level, initialize_with, initialize, as_sort, sort_separator, demote, context)
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
                or (precedes == "after-inverted-name" and (as_sort == "all" or (as_sort == "first" and len(output) == 2)))
            )
            head = self.join(output[:-1], delimiter)
            text = head + (delimiter if use_delimiter else " ") + and_term + " " + output[-1]
        else:
            text = self.join(output, delimiter)
        return String(str(text)) if text else None

    def _inherited(self, name: str, context) -> str | None:
        """An option set on this name, its citation/bibliography or the style; None if nowhere."""
        if self.get(name) is not None:
            return self.get(name)
        scope = (context if context is not None else self).scope()
        if scope is not None and scope.get(name) is not None:
            return scope.get(name)
        return self.get_root().get(name)

    @staticmethod
    def _level(item, name, index: int, state: RenderState) -> int:
        levels = item_value(item, "name_levels") or {}
        level = levels.get(index, 0)
        if not state.primary_only or index == 0:
            given, family, *_ = name.parts()
            level = max(level, state.name_levels.get((family or "", given or ""), 0))
        return level

    def _one(self, name, index, form, level, initialize_with, initialize, as_sort, sort_separator, demote, context) -> str:
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

    def _format_parts(self, given, family):
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

    def initialize(self, given, mark, context):
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


class Text(_CountsVariables, _PageRanges, model.Text):
    def _counted(self) -> bool:
        return "variable" in self.attrib and self.get("variable") != "year-suffix"

    def _variable(self, item, context):
        variable = self.get("variable")
        state = state_of(self)
        repressed = context.get_layout().repressed
        if self.tag in repressed and variable in repressed[self.tag]:
            return None
        if variable in state.substituted and not state.collecting:
            return None
        if variable == "year-suffix":
            suffix = None if state.sorting else item.reference.get("year_suffix")
            if suffix:
                state.year_suffix_shown = True
            return suffix or None
        if variable == "citation-number":
            return str(item.number)
        if variable == "first-reference-note-number":
            number = item_value(item, "first_note")
            if number is None:
                raise VariableError
            return str(number)
        if variable == "locator":
            if not item.has_locator:
                raise VariableError
            value = str(item.locator.identifier)
            if item.locator.label == "page":
                return String(str(self._process(value, "page")))
            return String(value.replace("-", "\u2013"))
        if variable in ("URL", "DOI"):
            value = String(str(item.reference[variable]))
        else:
            value = super()._variable(item, context)
        if value:
            printed(state, variable)
        return value

    def markup(self, text, language):
        variable = self.get("variable")
        if not text or variable not in ("URL", "DOI"):
            return super().markup(text, language)
        # A link: the affixes are part of what is linked when they spell the
        # resolver ("https://doi.org/" before a DOI).
        state = state_of(self)
        prefix, suffix = self.get("prefix", ""), self.get("suffix", "")
        value = str(text)
        if variable == "DOI":
            target = dois.url(value)
            if prefix.lower().rstrip() in ("https://doi.org/", "http://doi.org/", "http://dx.doi.org/"):
                return state.links.link(target, prefix + value) + suffix
            return prefix + state.links.link(target, value) + suffix
        return prefix + state.links.link(value, self.format(value)) + suffix


class Date(_CountsVariables, model.Date):
    def render_single_date(self, date, show_parts=None, context=None):
        """As citeproc-py, but a locale's date format keeps its own delimiter ("2026 Nov 25")."""
        parts = self.parts(date, show_parts, context) if context is not self else self.parts(date, show_parts)
        if not parts:
            return None
        if self.is_locale_date():
            joiner = context if context is not None and context.get("delimiter") is not None else self
            return joiner.join(parts)
        return self.join(parts)

    def process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        text = super().process(item, variable=variable, show_parts=show_parts, context=context, **kwargs)
        name = variable or self.get("variable")
        state = state_of(self)
        if text and name == "issued" and not self.is_locale_date() and state.implicit_year_suffix and not state.sorting:
            suffix = item.reference.get("year_suffix")
            if suffix and not state.year_suffix_shown:
                year = _year_of(item)
                if year and year in str(text):
                    state.year_suffix_shown = True
                    head, _, tail = str(text).partition(year)
                    return head + year + suffix + tail
        return text


def _year_of(item) -> str | None:
    date = item.reference.get("issued")
    if date is None:
        return None
    begin = date.get("begin", date) if isinstance(date, dict) else date
    year = begin.get("year") if hasattr(begin, "get") else None
    return str(abs(int(year))) if year else None


class Date_Part(model.Date_Part):  # noqa: N801
    def render(self, date, context=None):
        """As citeproc-py, but the style's attributes no longer stay in the locale's date format.

        citeproc-py copies the attributes of the style's ``date-part`` into the
        locale's (the same element for every date of the style), so the next
        date rendered with that format got them too.
        """
        original = dict(self.attrib)
        try:
            return self.markup(self.process(date, context))
        finally:
            self.attrib.clear()
            self.attrib.update(original)


class Substitute(model.Substitute):
    def render(self, item, context=None, **kwargs):
        """The first child that prints something; what it printed is not printed again in the entry."""
        state = state_of(self)
        for child in self.getchildren():
            state.collecting.append(set())
            try:
                if isinstance(child, model.Names) and child.find("cs:name", child.nsmap) is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                text = None
            finally:
                found = state.collecting.pop()
            if text:
                if kwargs.get("sort_options") is None:
                    state.substituted |= found
                    printed_all = state.collecting[-1] if state.collecting else None
                    if printed_all is not None:
                        printed_all |= found
                return text
        return None


class Key(model.Key):
    def sort_keys(self, items, context):
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


class _Cached:
    """Lookups citeproc-py repeated on every call, done once per element (see the module's docstring)."""

    def get_root(self):
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

    def get_macro(self, name):
        memo = self._memo()
        found = memo.get(("macro", name))
        if found is None:
            found = memo[("macro", name)] = super().get_macro(name)
        return found

    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
        memo = self._memo()
        key = ("term", name, form, fallback_locale, zero_padded)
        if key not in memo:
            memo[key] = super().get_term(name, form, fallback_locale, zero_padded)
        return memo[key]

    def get_date(self, form):
        memo = self._memo()
        if ("date", form) not in memo:
            memo[("date", form)] = super().get_date(form)
        return memo[("date", form)]

    def get_locale_option(self, name):
        memo = self._memo()
        if ("option", name) not in memo:
            memo[("option", name)] = super().get_locale_option(name)
        return memo[("option", name)]

    def get_layout(self):
        layout = self.__dict__.get("_layout")
        if layout is None:
            layout = self.__dict__["_layout"] = super().get_layout()
        return layout

    def scope(self):
        """The citation or bibliography this element renders in (None inside a macro or locale)."""
        if "_scope" not in self.__dict__:
            found = self.xpath_search("./ancestor-or-self::*[self::cs:citation or self::cs:bibliography][1]")
            self.__dict__["_scope"] = found[0] if found else None
        return self.__dict__["_scope"]

    def is_locale_date(self):
        if "_locale_date" not in self.__dict__:
            self.__dict__["_locale_date"] = super().is_locale_date()
        return self.__dict__["_locale_date"]


class _CachedLocale(_Cached):
    def get_term(self, name, form=None, zero_padded=False):  # a locale's own signature
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


OVERRIDES = {
    cls.__name__: cls
    for cls in (Style, If, Else_If, Group, Label, Number, Names, Name, Substitute, Key, Text, Date, Date_Part)
}


def _with_cache(cls: type) -> type:
    mixin = _CachedLocale if issubclass(cls, model.Locale) else _Cached
    return type(cls.__name__, (mixin, cls), {"__module__": __name__})


CLASSES = {
    cls.__name__.replace("_", "-").lower(): _with_cache(OVERRIDES.get(cls.__name__, cls))
    for cls in model.CitationStylesElement.__subclasses__()
}
BASE = _with_cache(model.CitationStylesElement)


def element_classes() -> dict[str, type]:
    """CSL element name → the class that renders it (ours where we correct citeproc-py), with the lookups cached."""
    return dict(CLASSES)
