"""schema.org nodes for the entities a page mentions (JSON-LD ``mentions``).

Each node names the entity, gives its index entry as ``@id`` (when the site
has a ``site_url``) and, when the editors verified its identifiers, the
authorities' URIs as ``sameAs`` (``http://www.wikidata.org/entity/Q855``): a
machine reading the page learns that it mentions Q855. An identifier the
editors could not verify is not published as ``sameAs``.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs_scholia.entities.model import Entity, Registry

_DATES = {"person": ("birthDate", "deathDate"), "event": ("startDate", "endDate")}


def node(entity: Entity, index_url: str | None = None) -> dict:
    """One entity as a schema.org node."""
    data: dict = {"@type": entity.schema_type}
    if index_url:
        data["@id"] = f"{index_url}#{entity.anchor}"
    data["name"] = entity.label
    data["description"] = entity.description
    names = _DATES.get(entity.kind)
    if names is not None:
        if entity.dates.start is not None:
            data[names[0]] = entity.dates.start.iso
        if entity.dates.end is not None:
            data[names[1]] = entity.dates.end.iso
    same_as = entity.same_as
    if same_as:
        data["sameAs"] = same_as[0] if len(same_as) == 1 else same_as
    return data


def mentions(registry: Registry, entity_ids: Iterable[str], index_url: str | None = None) -> list[dict]:
    """The ``mentions`` list: one node per entity, in the order given, each once."""
    entities = registry.by_id()
    return [node(entities[i], index_url) for i in dict.fromkeys(entity_ids) if i in entities]
