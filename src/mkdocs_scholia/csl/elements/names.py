"""``cs:names`` and ``cs:substitute``: suppressed and lone authors, substitutes printed once.
"""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc.source import VariableError

from mkdocs_scholia.csl.elements.common import _CountsVariables
from mkdocs_scholia.csl.elements.state import printed, state_of


class Names(_CountsVariables, model.Names):
    def get_parent_delimiter(self, context: Any = None) -> Any:
        return (context if context is not None else self).scope().get_option("names-delimiter")

    def process(self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
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

    def _process(self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
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


class Substitute(model.Substitute):
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
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
