"""``make bench``: how fast grading, site builds and the reference are.

Each figure is a median of several runs, and each pair (ours against the
bare baseline) is measured in the same run on the same machine, so the
ratios mean something even where the absolute times do not travel.
"""
