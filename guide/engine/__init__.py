"""The flow engine: loads YAML flows, compiles each into a state machine, replays walks.

It knows nothing of the web, the database or translations: plain data in,
plain data out, so the web views, the SMS channel and the tests drive the
same code.
"""

from guide.engine.loader import load_flows
from guide.engine.model import Flow, Outcome, Question
from guide.engine.router import Router, Walk

__all__ = ["Flow", "Outcome", "Question", "Router", "Walk", "load_flows"]
