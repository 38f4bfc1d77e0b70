"""The whole pipeline, one verb-named stage per line.

    project = load_project(root, as_of)      # plan → scan evidence → completeness
    assessment = assess_project(project)     # the plan's model → its score, in the one shape
    completeness = check_project(project)    # + LKE answers without evidence

The stages live in their subpackages (``plan``, ``evidence``, ``check``,
``assess``) and are plain functions of their inputs; renderers (``reports``,
``site``, ``bundle``) take their results. This module only names the stages
for the CLI, the Makefile and the benchmarks.
"""

from __future__ import annotations

from build_tools.assess.project import (
    assess_answers,
    assess_lke,
    assess_project,
    check_project,
)
from build_tools.check.project import CACHE_DIR, Project, load_project
from build_tools.plan.loader import PLAN_FILE

__all__ = ["CACHE_DIR", "PLAN_FILE", "Project", "assess_answers", "assess_lke", "assess_project", "check_project", "load_project"]
