"""Annotate: entity and cue spans on the Doc, each family a registered spaCy component."""
