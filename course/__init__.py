"""The course's own tooling: languages, task metadata, Sphinx extensions.

Students never need to edit anything here.
"""
