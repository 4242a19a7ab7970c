"""Conditions (``cs:if``, ``cs:else-if``) and the implicit condition of ``cs:group``.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.source import VariableError

from mkdocs_scholia.csl import markup
from mkdocs_scholia.csl.elements.state import item_value, state_of


class If(model.If):
    def render(self, item: Any, context: Any = None, delimiter: Any = "", **kwargs: Any) -> Any:
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

    def _type(self, item: Any) -> Any:
        return [kind.lower() == item.reference.type for kind in self.get("type").split()]

    def _is_numeric(self, item: Any) -> Any:
        results = []
        for variable in self.get("is-numeric").split():
            name = variable.replace("-", "_")
            if variable == "locator":
                value = item.locator.identifier if item.has_locator else None
            else:
                value = item.reference.get(name) if name in item.reference else None
            results.append(value is not None and NUMERIC.match(markup.strip(str(value)).strip()) is not None)
        return results

    def _position(self, item: Any, context: Any) -> Any:
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
# or several joined by a hyphen, an en dash, a comma, "&" or "and" ("2-3", "2 & 4").
_NUMBER = r"[A-Za-z]*\d+[A-Za-z]*"
_JOINER = "(?:" + "|".join(re.escape(joiner) for joiner in ("-", "\u2013", ",", "&", "and")) + ")"
NUMERIC = re.compile(rf"^{_NUMBER}(?:\s*{_JOINER}\s*{_NUMBER})*$")


class Group(model.Group):
    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
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
