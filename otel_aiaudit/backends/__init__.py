"""Backend objects for the audit stack: Elasticsearch ILM policies, index templates, roles and Kibana
saved objects, loaded from collector-config/ and applied with the official clients."""

from .objects import BackendObjects, ObjectsError, load_objects
from .setup import SetupError, apply_elasticsearch, apply_kibana

__all__ = [
    "BackendObjects",
    "ObjectsError",
    "SetupError",
    "apply_elasticsearch",
    "apply_kibana",
    "load_objects",
]
