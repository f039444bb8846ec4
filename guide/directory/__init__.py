"""The services directory: places, organisations, services and their offices.

Owns the directory YAML (`flows/directory/*.yaml`): reading and checking it
(`content`), the database tables that index it at run time (`models`), loading
it into them (`store`) and the `flask directory load` command (`cli`). It knows
nothing of flows; `guide.roadmap` joins a finished walk to this directory.
"""
